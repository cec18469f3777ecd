namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// Baseline browser protections on every response. Everything the pages use is served from this
/// site (no CDN, no inline script or style), so the content security policy can be strict.
/// </summary>
public static class SecurityHeaders
{
    // data: images are Bootstrap's own SVG icons (select arrows, check marks, the menu toggle).
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <param name="app">The pipeline.</param>
    /// <param name="exemptDeveloperErrorPage">In Development, a 500 (the developer exception page, styled inline) goes without the content security policy.</param>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool exemptDeveloperErrorPage = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!(exemptDeveloperErrorPage && context.Response.StatusCode >= StatusCodes.Status500InternalServerError))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";

                // Set-password links carry a one-time code in the address: never send it to another site.
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
