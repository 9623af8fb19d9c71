package dev.churnsentinel.intervention.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RetentionReportTest {
    static final RetentionReport.Assumptions ASSUME = new RetentionReport.Assumptions(0.3, 3);

    @Test
    void revenueKeptIsAnnualValueTimesMarginTimesLifetimeAndRoiIsNetOverCost() {
        // 3 RED tasks: 2 retained (5,000 + 3,000 a year), 1 churned; 1,200 spent; 2 of 3 acknowledged on time
        RetentionReport.Counts red = new RetentionReport.Counts("RED", 3, 0, 3, 0, 1, 3, 2, 3, 3, 2, 1, 0, 0,
                new BigDecimal("8000"), new BigDecimal("1200"));
        RetentionReport.Line line = RetentionReport.line(red, ASSUME);
        assertEquals(new BigDecimal("7200.00"), line.money().revenueKept());
        assertEquals(new BigDecimal("6000.00"), line.money().net());
        assertEquals(5.0, line.money().roi());
        assertEquals(0.6667, line.outcomes().saveRate());
        assertEquals(0.6667, line.sla().acknowledgedOnTimeRate());
        assertEquals(1.0, line.sla().resolvedOnTimeRate());
    }

    @Test
    void ratesWithNothingToMeasureAreNullAndTheLastLineSumsTheTiers() {
        RetentionReport.Counts none = new RetentionReport.Counts("YELLOW", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                BigDecimal.ZERO, BigDecimal.ZERO);
        RetentionReport.Counts orange = new RetentionReport.Counts("ORANGE", 2, 1, 1, 0, 0, 2, 1, 1, 0, 1, 0, 0, 0,
                new BigDecimal("1000"), new BigDecimal("100"));
        List<RetentionReport.Line> lines = RetentionReport.lines(List.of(orange, none), ASSUME);
        RetentionReport.Line yellow = lines.get(1);
        assertNull(yellow.outcomes().saveRate());
        assertNull(yellow.money().roi());
        assertNull(yellow.sla().acknowledgedOnTimeRate());
        RetentionReport.Line all = lines.get(2);
        assertEquals("ALL", all.tier());
        assertEquals(2, all.tasks());
        assertEquals(new BigDecimal("900.00"), all.money().revenueKept());
        assertEquals(8.0, all.money().roi());
    }
}
