using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace NPCS.Reviews.Web.Infrastructure;

public static class ValidationViewExtensions
{
    /// <summary>
    /// Whether a "ModelOnly" summary has anything to say. The summary tag helper otherwise writes an
    /// empty, inline-styled placeholder that the content security policy refuses.
    /// </summary>
    public static bool HasSummaryErrors(this ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        return viewData.ModelState.TryGetValue(string.Empty, out var entry) && entry.Errors.Count > 0;
    }
}
