/**
 * The server side of Legitimera's out-of-band login protocol (docs/oob-protocol.md), for hosts that put it
 * behind their own HTTP front: the devkit's reference service and the Keycloak extension.
 *
 * <h2>Hosting</h2>
 * <ul>
 *   <li>Build one {@link se.legitimera.oob.server.OobServer} per configuration (per realm) and keep it: it is
 *       immutable and thread-safe, and it holds the OCSP answer cache. Building one per request loses the cache.</li>
 *   <li>Map each endpoint to one call (see {@link se.legitimera.oob.server.OobServer}); answer an
 *       {@link se.legitimera.oob.server.OobServerException} with its
 *       {@link se.legitimera.oob.server.ErrorCode#httpStatus()}, {@code errorCode} and {@code hintCode}, and log
 *       its message (the reason: no secret, no full personal identity number).</li>
 *   <li>State lives only in the stores. A cluster supplies its own
 *       {@link se.legitimera.oob.server.OrderStore} (a compare-and-set on the order's version; with a store
 *       that has only put-if-absent, such as Keycloak's single-use object store, claim
 *       {@code orderRef + ":" + version} first, then write the next record),
 *       {@link se.legitimera.oob.server.SingleUseStore} (put-if-absent with a lifespan) and
 *       {@link se.legitimera.oob.server.PollSessionStore}; {@link se.legitimera.oob.server.OrderRecords} turns
 *       orders into string maps. One active order per HSA-id is kept through
 *       {@link se.legitimera.oob.server.OrderStore#latestFor}: two orders for one HSA-id started at the same
 *       instant on two nodes may both stay pending (the app shows each with its RP name).</li>
 *   <li>Orders are signed by the host's keys ({@link se.legitimera.oob.server.OrderKeys}): the realm's active
 *       key signs, its older keys stay in the JWK set until their orders expired.</li>
 *   <li>Decoupled logins (OpenID CIBA): start the order with the login hint's HSA-id and the binding message,
 *       keep the CIBA request's id in a host attribute ({@link se.legitimera.oob.server.OrderRequest.Builder#withHostAttribute}),
 *       and finish the CIBA request from an {@link se.legitimera.oob.server.OrderListener} when the order
 *       completes or fails (or from the next poll of the order).</li>
 *   <li>The library blocks only for OCSP (at most the configured timeout per responder); long polls are the
 *       host's: {@link se.legitimera.oob.server.OobServer#pendingOrderFor} answers at once.</li>
 * </ul>
 */
package se.legitimera.oob.server;
