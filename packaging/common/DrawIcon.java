import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the Legitimera application icon (a smart card with its chip on a blue tile) and writes it as
 * legitimera.png (256 px, Linux), legitimera.ico (Windows) and legitimera.icns (macOS), all PNG-based.
 * Run once when the design changes: java packaging/common/DrawIcon.java packaging/common
 */
public final class DrawIcon {

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.write(out.resolve("legitimera.png"), png(256));
        Files.write(out.resolve("legitimera.ico"), ico(new int[] {16, 32, 48, 64, 128, 256}));
        Files.write(out.resolve("legitimera.icns"), icns());
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 256.0, size / 256.0);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1F6FB2), 0, 256, new Color(0x0B4A80)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));
        // the card
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(36, 64, 184, 128, 20, 20));
        // the chip
        g.setColor(new Color(0xE3B341));
        g.fill(new RoundRectangle2D.Double(58, 100, 50, 40, 8, 8));
        g.setColor(new Color(0x9C7A1E));
        g.setStroke(new BasicStroke(3f));
        g.drawLine(58, 120, 108, 120);
        g.drawLine(83, 100, 83, 140);
        // name lines
        g.setColor(new Color(0x0B4A80));
        g.fill(new RoundRectangle2D.Double(126, 104, 72, 12, 6, 6));
        g.fill(new RoundRectangle2D.Double(126, 126, 52, 12, 6, 6));
        g.fill(new RoundRectangle2D.Double(58, 158, 140, 10, 5, 5));
        g.dispose();
        return image;
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", bytes);
        return bytes.toByteArray();
    }

    /** ICO with PNG-compressed entries (Windows Vista and later). */
    static byte[] ico(int[] sizes) throws IOException {
        Map<Integer, byte[]> images = new LinkedHashMap<>();
        for (int size : sizes) {
            images.put(size, png(size));
        }
        int offset = 6 + 16 * sizes.length;
        ByteBuffer header = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (var entry : images.entrySet()) {
            int size = entry.getKey();
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            header.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            header.putInt(entry.getValue().length).putInt(offset);
            offset += entry.getValue().length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        for (byte[] image : images.values()) {
            out.write(image);
        }
        return out.toByteArray();
    }

    /** ICNS with PNG entries: ic07 (128), ic08 (256), ic09 (512), ic10 (1024). */
    static byte[] icns() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ic07", png(128));
        entries.put("ic08", png(256));
        entries.put("ic09", png(512));
        entries.put("ic10", png(1024));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        for (var entry : entries.entrySet()) {
            data.writeBytes(entry.getKey());
            data.writeInt(8 + entry.getValue().length);
            data.write(entry.getValue());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream file = new DataOutputStream(out);
        file.writeBytes("icns");
        file.writeInt(8 + body.size());
        file.write(body.toByteArray());
        return out.toByteArray();
    }
}
