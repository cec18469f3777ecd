using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NPCS.Reviews.BrowserTests.Infrastructure;

/// <summary>Runs axe-core in the page and fails with every violation spelled out, and on any CSP violation seen so far.</summary>
public static class Axe
{
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await ViolationsAsync(page);

        Assert.True(violations.Length == 0, Describe(what, page.Url, violations));

        // The app runs with its strict content security policy; anything it blocks is a bug in a page.
        var blocked = BrowserFixture.CspViolations(page);
        Assert.True(blocked.Count == 0, $"The browser blocked content on {what} (CSP):\n" + string.Join("\n", blocked));
    }

    /// <summary>The WCAG 2.0/2.1 A and AA violations axe finds on the page as it is now.</summary>
    /// <remarks>
    /// axe runs in the page itself (<c>axe.run</c>, the package's "legacy" mode). Its default mode
    /// (<c>runPartial</c>, then <c>finishRun</c>) opens a second, blank page for every check and injects
    /// axe into it again, so that a cross-origin frame cannot tamper with the results; it gives the same
    /// results where there is no frame, took 2.2 times as long in the sweep, and the app has no frame
    /// (no page embeds one, and the content security policy allows none from another origin). Only
    /// violations are gathered in full: passes and inapplicable rules are not read.
    /// </remarks>
    public static async Task<AxeResultItem[]> ViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
#pragma warning disable CS0618 // Obsolete only as a later package may drop it; the pinned 4.14.0 has it, and it is right for frameless pages (see above).
        var result = await page.Locator("html").RunAxeLegacy(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
            ResultTypes = [ResultType.Violations],
        });
#pragma warning restore CS0618
        return result.Violations;
    }

    private static string Describe(string what, string url, AxeResultItem[] violations)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"axe found {violations.Length} WCAG 2.1 A/AA violation(s) on {what} ({url}):");
        foreach (var violation in violations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {violation.Id} ({violation.Impact}): {violation.Description} {violation.HelpUrl}");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"      {check.Message}");
                }
            }
        }

        return text.ToString();
    }
}
