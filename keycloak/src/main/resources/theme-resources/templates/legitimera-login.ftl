<#-- Legitimera (SITHS-kort): waiting for the desktop app, or an ending with "Försök igen".
     The script only opens the link once, polls the order's status and submits the form. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayInfo=(legitimeraState == "waiting"); section>
    <#if section = "header">
        ${msg("legitimeraTitle")}
    <#elseif section = "form">
        <div id="legitimera" data-legitimera-state="${legitimeraState}"<#if legitimeraFailure??> data-legitimera-failure="${legitimeraFailure}"</#if>>
            <p id="legitimera-client">${msg("legitimeraLoggingInTo", legitimeraClientName)}</p>
            <form id="legitimera-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <#if legitimeraState == "waiting">
                    <p id="legitimera-instruction">${msg("legitimeraInstruction", legitimeraClientName)}</p>
                    <div class="${properties.kcFormGroupClass!}">
                        <a id="legitimera-open" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                           href="${legitimeraAutoStartUrl}">${msg("legitimeraOpenApp")}</a>
                    </div>
                    <p id="legitimera-waiting" role="status" aria-live="polite">${msg("legitimeraWaiting")}</p>
                    <div class="${properties.kcFormGroupClass!}">
                        <button id="legitimera-cancel" type="submit" name="cancel" value="true"
                                class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">${msg("legitimeraCancel")}</button>
                    </div>
                    <input type="hidden" name="poll" value="done"/>
                <#else>
                    <div id="legitimera-failure" class="${properties.kcAlertClass!} pf-m-danger" role="alert">
                        <span class="${properties.kcAlertTitleClass!}">${msg(legitimeraFailureMessage)}</span>
                    </div>
                    <div class="${properties.kcFormGroupClass!}">
                        <button id="legitimera-retry" type="submit" name="retry" value="true"
                                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("legitimeraRetry")}</button>
                    </div>
                </#if>
            </form>
        </div>
        <#if legitimeraState == "waiting">
        <script>
            (function () {
                var link = document.getElementById("legitimera-open").getAttribute("href");
                var statusUrl = "${legitimeraStatusUrl?js_string}";
                var form = document.getElementById("legitimera-form");
                var submitted = false;
                function submit() {
                    if (!submitted) {
                        submitted = true;
                        form.submit();
                    }
                }
                function poll() {
                    if (submitted) {
                        return;
                    }
                    fetch(statusUrl, {credentials: "same-origin", cache: "no-store"})
                        .then(function (reply) { return reply.ok ? reply.json() : {status: "pending"}; })
                        .then(function (body) {
                            if (body.status === "pending") {
                                setTimeout(poll, 1000);
                            } else {
                                submit();
                            }
                        })
                        .catch(function () { setTimeout(poll, 2000); });
                }
                try {
                    window.location.href = link; // once, by itself; the button stays for a second try
                } catch (e) {
                    // a browser that refuses the scheme: the button remains
                }
                setTimeout(poll, 1000);
            })();
        </script>
        </#if>
    <#elseif section = "info">
        <div id="legitimera-help">
            <p><strong>${msg("legitimeraHelpTitle")}</strong></p>
            <p>${msg("legitimeraHelpInstall")}</p>
            <p>${msg("legitimeraHelpStart")}</p>
            <p>${msg("legitimeraHelpCard")}</p>
        </div>
    </#if>
</@layout.registrationLayout>
