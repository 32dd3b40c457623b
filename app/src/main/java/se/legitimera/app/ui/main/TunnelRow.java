package se.legitimera.app.ui.main;

/**
 * One tunnel as the main window lists it.
 *
 * @param name    the tunnel's name in the settings
 * @param address "http://localhost:8443 → https://journal.example.se"
 * @param state   its state in words
 * @param toggle  the button's text: "Starta" or "Stoppa"
 * @param running whether the tunnel holds its port
 * @param locked  whether the organisation's policy defines it
 */
public record TunnelRow(String name, String address, String state, String toggle, boolean running, boolean locked) {
}
