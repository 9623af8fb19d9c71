package dev.churnsentinel.intervention.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The console's words in English; {@code messages/msg_zh.properties} has them in Chinese. */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {
    @Message("Churn Sentinel")
    String app();

    @Message("My queue")
    String nav_queue();

    @Message("Team dashboard")
    String nav_dashboard();

    @Message("Playbooks")
    String nav_admin();

    @Message("Sign out")
    String sign_out();

    @Message("Mine")
    String scope_MINE();

    @Message("My team")
    String scope_TEAM();

    @Message("All")
    String scope_ALL();

    @Message("Tier")
    String filter_tier();

    @Message("Status")
    String filter_status();

    @Message("Kind")
    String filter_kind();

    @Message("Overdue only")
    String filter_overdue();

    @Message("Assignee id")
    String filter_assignee();

    @Message("Apply")
    String filter_apply();

    @Message("Any")
    String any();

    @Message("open tasks")
    String open_tasks();

    @Message("{shown} of {total}")
    String showing(int shown, long total);

    @Message("Nothing waits for you here. New RED tasks appear on their own.")
    String queue_empty();

    @Message("acknowledge by")
    String deadline_ACKNOWLEDGE();

    @Message("due")
    String deadline_DUE();

    @Message("overdue")
    String overdue();

    @Message("left")
    String left();

    @Message("Assignee")
    String assignee();

    @Message("Escalated to")
    String escalated_to();

    @Message("Level")
    String level();

    @Message("Open")
    String status_OPEN();

    @Message("Acknowledged")
    String status_ACKNOWLEDGED();

    @Message("In progress")
    String status_IN_PROGRESS();

    @Message("Resolved")
    String status_RESOLVED();

    @Message("Cancelled")
    String status_CANCELLED();

    @Message("In the customer's words")
    String customer_words();

    @Message("No words from the customer behind this task (it comes from behaviour or scores).")
    String no_words();

    @Message("This customer asked to be forgotten: their name, words and contact details were erased, and the task keeps "
            + "only what the reports count. Do not contact them from this task; resolve or cancel it.")
    String customer_erased();

    @Message("Risk score and why")
    String score();

    @Message("Scoring cannot be read right now: the score below is the one the task was opened with.")
    String score_stale();

    @Message("Rules that set the tier")
    String floors();

    @Message("Risk over time")
    String history();

    @Message("No score history yet.")
    String no_history();

    @Message("Talk-track: what to do")
    String guidance();

    @Message("Audit trail")
    String audit();

    @Message("Notifications sent")
    String notifications();

    @Message("going out at {at}")
    String task_digest_waits(String at);

    @Message("sent at {at}")
    String task_digest_sent(String at);

    @Message("the digest:")
    String task_digest_is();

    @Message("attempt {n}")
    String attempt(int n);

    @Message("System")
    String actor_system();

    @Message("Task opened")
    String audit_CREATED();

    @Message("Task upgraded")
    String audit_UPGRADED();

    @Message("Risk went down")
    String audit_TIER_IMPROVED();

    @Message("Assigned")
    String audit_ASSIGNED();

    @Message("Acknowledged")
    String audit_ACKNOWLEDGED();

    @Message("Work started")
    String audit_STARTED();

    @Message("Reassigned")
    String audit_REASSIGNED();

    @Message("Comment")
    String audit_COMMENTED();

    @Message("Escalated")
    String audit_ESCALATED();

    @Message("Resolved")
    String audit_RESOLVED();

    @Message("Cancelled")
    String audit_CANCELLED();

    @Message("Customer's data erased")
    String audit_ERASED();

    @Message("E-mail")
    String channel_EMAIL();

    @Message("Group robot")
    String channel_WEBHOOK();

    @Message("new task")
    String event_TASK_CREATED();

    @Message("task upgraded")
    String event_TASK_UPGRADED();

    @Message("task assigned")
    String event_TASK_ASSIGNED();

    @Message("task reassigned")
    String event_TASK_REASSIGNED();

    @Message("task escalated")
    String event_TASK_ESCALATED();

    @Message("digest")
    String event_DIGEST();

    @Message("Waiting to send")
    String delivery_PENDING();

    @Message("Retrying")
    String delivery_RETRYING();

    @Message("Sent")
    String delivery_SENT();

    @Message("Failed")
    String delivery_FAILED();

    @Message("Waiting for the digest")
    String delivery_HELD();

    @Message("In a digest")
    String delivery_DIGESTED();

    @Message("None yet.")
    String none();

    @Message("确认接收 Acknowledge")
    String act_acknowledge();

    @Message("开始处理 Start")
    String act_start();

    @Message("备注 Comment")
    String act_comment();

    @Message("转派 Reassign")
    String act_reassign();

    @Message("完成 Resolve")
    String act_resolve();

    @Message("取消 Cancel")
    String act_cancel();

    @Message("What happened")
    String comment_text();

    @Message("Give it to")
    String reassign_to();

    @Message("Or someone new: name and e-mail")
    String reassign_new();

    @Message("Name")
    String name();

    @Message("E-mail")
    String email();

    @Message("Outcome")
    String outcome();

    @Message("Retained")
    String outcome_RETAINED();

    @Message("Churned")
    String outcome_CHURNED();

    @Message("False alarm")
    String outcome_FALSE_ALARM();

    @Message("Passive churn (moved, sold)")
    String outcome_PASSIVE_CHURN();

    @Message("Root cause")
    String root_cause();

    @Message("What was done")
    String actions_taken();

    @Message("Cost (CNY)")
    String cost();

    @Message("Why the customer left (exit survey)")
    String exit_reason();

    @Message("Why cancel")
    String cancel_reason();

    @Message("You opened the acknowledge button of the e-mail: confirm below.")
    String confirm_acknowledge();

    @Message("Acknowledged.")
    String done_acknowledge();

    @Message("Started.")
    String done_start();

    @Message("Comment added.")
    String done_comment();

    @Message("Reassigned.")
    String done_reassign();

    @Message("Resolved.")
    String done_resolve();

    @Message("Cancelled.")
    String done_cancel();

    @Message("An exit survey task was opened:")
    String exit_survey_opened();

    @Message("Open")
    String open();

    @Message("Customer")
    String customer();

    @Message("Created")
    String created();

    @Message("Playbook")
    String playbook();

    @Message("Stage")
    String stage();

    @Message("People")
    String contacts();

    @Message("Timeline")
    String timeline();

    @Message("Value tier")
    String value_tier();

    @Message("Annual value")
    String annual_value();

    @Message("Not found")
    String not_found_title();

    @Message("There is nothing here for you: it does not exist, or it is not yours to see.")
    String not_found_text();

    @Message("Back to my queue")
    String back_to_queue();

    @Message("Sign in")
    String sign_in();

    @Message("Enter your work e-mail: we send you a link that signs you in once.")
    String sign_in_text();

    @Message("Signing you in…")
    String continue_text();

    @Message("Continue")
    String continue_();

    @Message("Send me a link")
    String send_link();

    @Message("If this address belongs to someone here, a sign-in link is on its way. It works once, for 7 days.")
    String msg_link_sent();

    @Message("This link has been used already. Enter your e-mail to get a new one.")
    String msg_link_used();

    @Message("This link has expired. Enter your e-mail to get a new one.")
    String msg_link_expired();

    @Message("This link is not valid. Enter your e-mail to get a new one.")
    String msg_link_invalid();

    @Message("That is not an e-mail address.")
    String msg_email_invalid();

    @Message("Too many attempts: try again in a quarter of an hour.")
    String msg_too_many();

    @Message("Customers per tier now")
    String dash_tiers();

    @Message("Annual value at risk")
    String dash_value();

    @Message("Customers at risk per tier, at each week's end (12 weeks)")
    String dash_customers_weeks();

    @Message("Tasks opened per week (12 weeks)")
    String dash_weeks();

    @Message("Deadlines met vs missed by tier (90 days)")
    String dash_sla_tier();

    @Message("Deadlines met vs missed by person (90 days)")
    String dash_sla_person();

    @Message("Retention (90 days)")
    String dash_retention();

    @Message("Save rate")
    String dash_save_rate();

    @Message("ROI")
    String dash_roi();

    @Message("At risk, by urgency × value")
    String dash_at_risk();

    @Message("Scoring cannot be read right now: customer counts are missing.")
    String dash_scoring_away();

    @Message("met")
    String met();

    @Message("missed")
    String missed();

    @Message("Tasks")
    String tasks();

    @Message("Saved")
    String saved();

    @Message("Revenue kept")
    String revenue_kept();

    @Message("Playbooks")
    String pb_title();

    @Message("Scoring model")
    String model_title();

    @Message("Version in force")
    String pb_version();

    @Message("Edit (JSON)")
    String pb_edit();

    @Message("Save a new version")
    String pb_save();

    @Message("Saved as a new version.")
    String pb_saved();

    @Message("Due")
    String pb_due();

    @Message("Acknowledge within")
    String pb_ack();

    @Message("Assignee role")
    String pb_role();

    @Message("Escalates to")
    String pb_escalate();

    @Message("Settings")
    String nav_settings();

    @Message("Robots and default contacts")
    String set_title();

    @Message("Chat robots")
    String set_robots();

    @Message("Task notifications of this tenant are posted to these robots (DingTalk, WeCom, Feishu, Slack) and HTTP receivers.")
    String set_robots_hint();

    @Message("Default contacts")
    String set_contacts();

    @Message("Who takes a role's tasks for customers whose profile names nobody in that role.")
    String set_contacts_hint();

    @Message("None yet.")
    String set_none();

    @Message("configuration")
    String set_from_config();

    @Message("Comes from configuration: read-only here (an operator changes it). Saving one of the same name here overrides it.")
    String set_config_note();

    @Message("Tiers")
    String set_tiers();

    @Message("all")
    String set_all_tiers();

    @Message("secret set")
    String set_secret_set();

    @Message("no secret")
    String set_secret_none();

    @Message("Last set by {who}")
    String set_by(String who);

    @Message("Send test message")
    String set_test_robot();

    @Message("Send test e-mail")
    String set_test_contact();

    @Message("Replace…")
    String set_replace();

    @Message("Override…")
    String set_override();

    @Message("Delete…")
    String set_delete();

    @Message("Delete robot")
    String set_delete_robot();

    @Message("Delete default contact")
    String set_delete_contact();

    @Message("Add or replace a robot")
    String set_robot_form();

    @Message("Add or replace a default contact")
    String set_contact_form();

    @Message("Name")
    String set_name();

    @Message("Saving an existing name replaces that robot.")
    String set_name_hint();

    @Message("Format")
    String set_format();

    @Message("Webhook URL")
    String set_url();

    @Message("Signing secret")
    String set_secret();

    @Message("Leave empty to keep the current one.")
    String set_secret_hint();

    @Message("Remove the secret")
    String set_remove_secret();

    @Message("None ticked: all tiers.")
    String set_tiers_hint();

    @Message("Save robot")
    String set_save_robot();

    @Message("Role")
    String set_role();

    @Message("Person's id")
    String set_contact_id();

    @Message("Name")
    String set_contact_name();

    @Message("E-mail")
    String set_contact_email();

    @Message("no e-mail address")
    String set_no_email();

    @Message("Save default contact")
    String set_save_contact();

    @Message("Robot saved:")
    String set_robot_saved();

    @Message("Robot deleted:")
    String set_robot_deleted();

    @Message("Default contact saved:")
    String set_contact_saved();

    @Message("Default contact deleted:")
    String set_contact_deleted();

    @Message("Delivered")
    String set_delivered();

    @Message("Not delivered")
    String set_not_delivered();

    @Message("The robot answered:")
    String set_robot_answer();

    @Message("中文")
    String lang_switch();

    @Message("zh")
    String lang_other();

    @Message("中文")
    String lang_other_label();

    @Message("Scoring cannot be read right now.")
    String scoring_unavailable();

}
