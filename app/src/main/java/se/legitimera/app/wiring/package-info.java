/**
 * Adapters between the libraries (smartcard, oob-auth) and the windows' seams: one small class per seam,
 * named for what it adapts. The composition root ({@code DesktopApp}) builds them; the UI packages never
 * see the libraries' types.
 */
package se.legitimera.app.wiring;
