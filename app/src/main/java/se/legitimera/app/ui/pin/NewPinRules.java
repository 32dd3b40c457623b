package se.legitimera.app.ui.pin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;
import se.legitimera.app.ui.common.Messages;

/** The rules a new PIN must meet, checked as the user types, each explained in words. */
final class NewPinRules {

    private NewPinRules() {
    }

    /**
     * @param currentPin the PIN being replaced, or {@code null} when there is none to compare (PUK unblock)
     */
    static List<RuleCheck> check(ResourceBundle messages, PinFormat format, char[] currentPin, char[] newPin,
                                 char[] confirmation) {
        boolean typed = newPin.length > 0;
        List<RuleCheck> checks = new ArrayList<>();
        String lengthText = format.minLength() == format.maxLength()
                ? Messages.format(messages, format.digitsOnly() ? "pin.rule.exactDigits" : "pin.rule.exactLength",
                        format.minLength())
                : Messages.format(messages, format.digitsOnly() ? "pin.rule.digitsRange" : "pin.rule.lengthRange",
                        format.minLength(), format.maxLength());
        checks.add(new RuleCheck(lengthText, judge(typed, format.hasLength(newPin))));
        if (format.digitsOnly()) {
            checks.add(new RuleCheck(messages.getString("pin.rule.digitsOnly"),
                    judge(typed, format.hasOnlyAllowedCharacters(newPin))));
        }
        if (format.rejectsTrivial()) {
            checks.add(new RuleCheck(messages.getString("pin.rule.notTrivial"),
                    judge(newPin.length >= format.minLength(), !format.isTrivial(newPin))));
        }
        if (currentPin != null) {
            checks.add(new RuleCheck(messages.getString("pin.rule.differs"),
                    judge(typed && currentPin.length > 0, !Arrays.equals(currentPin, newPin))));
        }
        checks.add(new RuleCheck(messages.getString("pin.rule.confirmed"),
                judge(typed && confirmation.length > 0, Arrays.equals(newPin, confirmation))));
        return checks;
    }

    static boolean allMet(List<RuleCheck> checks) {
        return checks.stream().allMatch(c -> c.state() == RuleCheck.State.MET);
    }

    private static RuleCheck.State judge(boolean judgeable, boolean met) {
        if (!judgeable) {
            return RuleCheck.State.PENDING;
        }
        return met ? RuleCheck.State.MET : RuleCheck.State.BROKEN;
    }
}
