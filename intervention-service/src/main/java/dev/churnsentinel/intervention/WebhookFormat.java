package dev.churnsentinel.intervention;

/** The message formats a webhook can speak: our own JSON, or a chat robot's. */
public enum WebhookFormat { GENERIC, DINGTALK, WECOM, FEISHU, SLACK }
