package dev.churnsentinel.intervention.admin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UrlMaskTest {

    @Test
    void aShortQueryValueIsMaskedWhole() {
        assertEquals("https://oapi.dingtalk.com/robot/send?access_token=****",
                UrlMask.mask("https://oapi.dingtalk.com/robot/send?access_token=abc"));
    }

    @Test
    void aLongQueryValueKeepsItsLastFourCharacters() {
        assertEquals("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****cdef&debug=****",
                UrlMask.mask("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifacdef&debug=1"));
    }

    @Test
    void tokensInThePathAreMaskedAndOrdinaryPathSegmentsKept() {
        assertEquals("https://open.feishu.cn/open-apis/bot/v2/hook/****6e3c",
                UrlMask.mask("https://open.feishu.cn/open-apis/bot/v2/hook/2f1a0c4e-9b7d-4c1e-8a55-0b2d7f9c6e3c"));
        assertEquals("https://hooks.slack.com/services/T0123ABCD/B0456EFGH/****wxYZ",
                UrlMask.mask("https://hooks.slack.com/services/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"));
        assertEquals("https://crm.example.com/hooks/churn-sentinel-receiver",
                UrlMask.mask("https://crm.example.com/hooks/churn-sentinel-receiver"));
    }

    @Test
    void userInformationABareParameterAndTheFragmentAreNotShown() {
        assertEquals("http://****@127.0.0.1:8080/in?****&a=****",
                UrlMask.mask("http://user:pa55word@127.0.0.1:8080/in?rawtoken&a=b#frag"));
    }

    @Test
    void somethingThatIsNotAnAbsoluteAddressIsMaskedWhole() {
        assertEquals("****", UrlMask.mask("not a url"));
        assertEquals("****", UrlMask.mask("/relative?access_token=abc"));
    }
}
