package dev.almanac.dispatch.deliver;

/** Sends one delivery; throws when the receiver did not accept it, so that the sender tries again. */
interface Channel {

    void send(Delivery delivery) throws Exception;
}
