package dev.churnsentinel.intervention.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The console's pages and the fragments htmx swaps in ({@code templates/console/}). */
@CheckedTemplate(basePath = "console")
public final class Pages {
    private Pages() {
    }

    public static native TemplateInstance queue(Viewer viewer, Views.QueuePage page);

    public static native TemplateInstance queue$rows(Viewer viewer, Views.QueuePage page);

    public static native TemplateInstance task(Viewer viewer, Views.TaskPage page);

    public static native TemplateInstance task$panel(Viewer viewer, Views.TaskPage page);

    public static native TemplateInstance customer(Viewer viewer, Views.CustomerPage page);

    public static native TemplateInstance dashboard(Viewer viewer, Views.DashboardPage page);

    public static native TemplateInstance playbooks(Viewer viewer, Views.PlaybooksPage page);

    public static native TemplateInstance scoringModel(Viewer viewer, Views.ModelPage page);

    public static native TemplateInstance settings(Viewer viewer, Views.SettingsPage page);

    /** What a robot or a mailbox answered a test, under its button. */
    public static native TemplateInstance testAnswer(Views.TestAnswer answer);

    public static native TemplateInstance signIn(Views.SignInPage page);

    /** The page a sign-in link opens: it posts the token back at once. */
    public static native TemplateInstance signInContinue(String token, String next);

    public static native TemplateInstance notFound(Viewer viewer);
}
