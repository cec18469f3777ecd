using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// A request whose declared length is over the page's [RequestSizeLimit] is answered 413 (the error
/// page then says the file is too large) before anything reads its body. Without this the first
/// reader is the antiforgery check, which turns the server's refusal into a 400 "the form may have
/// expired", a message that sends the user looking for the wrong problem.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RefuseOversizedUploadAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery check (order 1000), which reads the form.</summary>
    public int Order => 0;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is { } max && context.HttpContext.Request.ContentLength > max)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
