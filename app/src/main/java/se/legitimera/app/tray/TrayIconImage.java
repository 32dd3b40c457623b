package se.legitimera.app.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Draws the tray picture: a smart card whose chip colour tells the state at a glance, with a dot in the
 * corner when something waits for the user. Drawn rather than loaded so it is sharp at every tray size.
 */
public final class TrayIconImage {

    /** Chip colours: calm blue when all is well, amber when attention is needed, red for errors. */
    public enum Tone {
        READY(new Color(0x1F6FB2)), ATTENTION(new Color(0xC77700)), ERROR(new Color(0xB3261E)), IDLE(new Color(0x6B7280));

        private final Color color;

        Tone(Color color) {
            this.color = color;
        }
    }

    private static final Color BADGE = new Color(0xC77700);

    private TrayIconImage() {
    }

    public static BufferedImage draw(Tone tone, int size) {
        return draw(tone, false, size);
    }

    /** @param badge a dot in the top right corner: something waits for the user */
    public static BufferedImage draw(Tone tone, boolean badge, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float unit = size / 16f;
            g.setColor(Color.WHITE);
            g.fillRoundRect(Math.round(unit), Math.round(3 * unit), Math.round(14 * unit), Math.round(10 * unit),
                    Math.round(2 * unit), Math.round(2 * unit));
            g.setColor(new Color(0x1E293B));
            g.setStroke(new BasicStroke(Math.max(1f, unit)));
            g.drawRoundRect(Math.round(unit), Math.round(3 * unit), Math.round(14 * unit), Math.round(10 * unit),
                    Math.round(2 * unit), Math.round(2 * unit));
            g.setColor(tone.color);
            g.fillRoundRect(Math.round(3 * unit), Math.round(6 * unit), Math.round(5 * unit), Math.round(4 * unit),
                    Math.round(unit), Math.round(unit));
            if (badge) {
                g.setColor(Color.WHITE);
                g.fillOval(Math.round(10 * unit), 0, Math.round(6 * unit), Math.round(6 * unit));
                g.setColor(BADGE);
                g.fillOval(Math.round(11 * unit), Math.round(unit), Math.round(4 * unit), Math.round(4 * unit));
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
