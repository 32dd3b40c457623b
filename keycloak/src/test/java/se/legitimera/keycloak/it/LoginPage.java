package se.legitimera.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import se.legitimera.keycloak.stack.Browser;
import se.legitimera.keycloak.stack.OidcTestClient;

/** The Legitimera page as a test sees it: its link, its state and its failure. */
final class LoginPage {

    private final Browser browser;

    LoginPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the login and waits for the Legitimera page; answers the page's link. */
    String open(OidcTestClient.Login login) {
        browser.open(login.authorizationRequest());
        browser.await("the Legitimera page", ExpectedConditions.presenceOfElementLocated(By.id("legitimera-open")));
        String link = browser.find(By.id("legitimera-open")).getAttribute("href");
        assertThat(link).startsWith("legitimera://auth?service=");
        return link;
    }

    /** Waits for the failure page {@code id} and checks that it offers "Försök igen". */
    void awaitFailure(String id) {
        browser.await("the failure page " + id, ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-legitimera-failure='" + id + "']")));
        assertThat(browser.find(By.id("legitimera-retry")).getText()).isEqualTo("Försök igen");
    }

    /** "Avbryt" on the page, then its failure page: the order ends as cancelled. */
    void cancel() {
        browser.find(By.id("legitimera-cancel")).click();
        awaitFailure("cancelledOnPage");
    }

    /** The page's state attribute: waiting or failed. */
    String state() {
        return browser.find(By.id("legitimera")).getAttribute("data-legitimera-state");
    }

    String text() {
        return browser.pageText();
    }
}
