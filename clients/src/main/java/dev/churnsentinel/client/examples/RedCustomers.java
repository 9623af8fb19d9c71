package dev.churnsentinel.client.examples;

import dev.churnsentinel.client.scoring.ApiClient;
import dev.churnsentinel.client.scoring.ApiException;
import dev.churnsentinel.client.scoring.api.CustomersApi;
import dev.churnsentinel.client.scoring.model.AtRisk;
import dev.churnsentinel.client.scoring.model.ItemsAtRisk;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages through every RED customer with the generated scoring client, as a nightly CRM export would.
 * Usage: {@code SENTINEL_API_KEY=sk-... java ... RedCustomers [http://127.0.0.1:8082]}.
 */
public final class RedCustomers {

    private RedCustomers() {
    }

    public static void main(String[] args) throws ApiException {
        String key = System.getenv("SENTINEL_API_KEY");
        if (key == null || key.isBlank()) {
            System.err.println("set SENTINEL_API_KEY to a key with the read role");
            System.exit(2);
        }
        List<AtRisk> red = all(URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8082"), key, 500);
        red.forEach(c -> System.out.printf("%s\t%.1f\t%s\t%s%n", c.getCustomerId(), c.getRiskScore(), c.getStage(),
                c.getAnnualValue()));
        System.out.println(red.size() + " RED customers");
    }

    /** Every RED customer of the key's tenant, most urgent first, read {@code pageSize} at a time. */
    public static List<AtRisk> all(URI scoring, String key, int pageSize) throws ApiException {
        ApiClient client = new ApiClient();
        client.updateBaseUri(scoring.toString());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        CustomersApi customers = new CustomersApi(client);
        List<AtRisk> red = new ArrayList<>();
        String cursor = null;
        do {
            ItemsAtRisk page = customers.listCustomers(CustomersApi.APIListCustomersRequest.newBuilder()
                    .tier("RED").limit(pageSize).includeTotal(false).cursor(cursor).build());
            red.addAll(page.getItems());
            cursor = page.getNextCursor();
        } while (cursor != null);
        return red;
    }
}
