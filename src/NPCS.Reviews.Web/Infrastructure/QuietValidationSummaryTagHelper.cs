using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// Runs after ASP.NET Core's validation-summary tag helper and removes a summary that has nothing to
/// say. The built-in one otherwise writes an empty placeholder with an inline style, which the
/// content security policy refuses, and a visible box with only its heading. A summary with errors
/// can take focus (tabindex -1), so script moves focus to it after a failed save and a screen reader
/// reads it out; it is an alert for the same reason.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class QuietValidationSummaryTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("asp-validation-summary")]
    public ValidationSummary Mode { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var modelState = ViewContext.ViewData.ModelState;
        var hasErrors = Mode switch
        {
            ValidationSummary.All => !modelState.IsValid,
            ValidationSummary.ModelOnly => modelState.TryGetValue(string.Empty, out var entry) && entry.Errors.Count > 0,
            _ => false,
        };
        if (!hasErrors)
        {
            output.SuppressOutput();
            return;
        }

        output.Attributes.SetAttribute("tabindex", "-1");
        if (!output.Attributes.ContainsName("role"))
        {
            output.Attributes.SetAttribute("role", "alert");
        }
    }
}
