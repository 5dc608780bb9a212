package dev.almanac.dispatch.notify;

/** The notifier's own topic between its sub-topologies, partitioned like the calendar-keyed topics; not a contract. */
public final class NotifierTopics {

    /** Each rule's contact, and its change proposals with the contact attached, keyed by the rule's calendar. */
    public static final String RULE_CONTACTS = "almanac-notifier.rule-contacts";

    /** What a record of {@link #RULE_CONTACTS} is: {@link #CONTACT} or {@link #PROPOSAL}. */
    static final String KIND_HEADER = "almanac_notifier_kind";
    /** On a proposal: the rule's contact as JSON. */
    static final String CONTACT_HEADER = "almanac_notifier_contact";
    static final String CONTACT = "contact";
    static final String PROPOSAL = "proposal";

    private NotifierTopics() {
    }
}
