using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Domain;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>A page that needs data besides its bound form (lists, the review header) reloads it here before re-rendering after an error.</summary>
public interface IReloadOnError
{
    Task ReloadAsync(CancellationToken ct);
}

/// <summary>
/// The one error path to the page: validation failures go to ModelState under the bound form's
/// name (so they sit beside their fields, with the typed input kept); domain refusals and
/// concurrency conflicts go to the validation summary; not found is 404; forbidden is 403; a
/// handler the page does not have is 404.
/// </summary>
public sealed class ErrorMappingPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // A request for a handler the page does not have (a hand-made ?handler=, a POST to a read-only
        // page) would otherwise render the page without its data.
        if (context.HandlerMethod is null)
        {
            context.Result = new NotFoundResult();
            return;
        }

        FlagUnreadableHiddenFields(context.ModelState);
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled)
        {
            // A page shown again as refused must say why. A hand-made post that leaves a whole form out
            // binds nothing: the form is refused under the form's own name ("The Input field is
            // required."), which no field shows, or with no error at all (the sign-in page, for one).
            if (executed.Result is PageResult && !executed.ModelState.IsValid && !ShowsAnError(executed))
            {
                executed.ModelState.AddModelError(string.Empty, UnreadableFormMessage);
            }

            return;
        }

        var modelState = executed.ModelState;
        switch (executed.Exception)
        {
            case NotFoundException or ForbiddenAccessException:
                executed.Result = Refusal(executed.Exception);
                break;
            case ValidationException validation:
                var prefix = FormPrefix(executed);
                foreach (var (property, messages) in validation.Errors)
                {
                    var key = string.IsNullOrEmpty(property) ? string.Empty : $"{prefix}.{property}";
                    foreach (var message in messages)
                    {
                        modelState.AddModelError(key, message);
                    }
                }

                executed.Result = await RerenderAsync(executed);
                break;
            case DomainException or ConcurrencyConflictException:
                modelState.AddModelError(string.Empty, executed.Exception.Message);
                executed.Result = await RerenderAsync(executed);
                break;
            default:
                return;
        }

        executed.ExceptionHandled = true;
    }

    /// <summary>
    /// A hidden field (the record's version or id) that is missing or unreadable comes from an altered
    /// post, and the page has no place beside it for its message: the summary says it, so the page is
    /// never shown again without a word of why.
    /// </summary>
    private static void FlagUnreadableHiddenFields(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        var hidden = modelState
            .Where(e => e.Value is { Errors.Count: > 0 } && !string.IsNullOrEmpty(e.Key))
            .Select(e => e.Key[(e.Key.LastIndexOf('.') + 1)..])
            .Any(name => name.EndsWith("Version", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Id", StringComparison.OrdinalIgnoreCase));
        if (hidden && !(modelState.TryGetValue(string.Empty, out var summary) && summary is { Errors.Count: > 0 }))
        {
            modelState.AddModelError(string.Empty, UnreadableFormMessage);
        }
    }

    /// <summary>
    /// Whether some error sits where the page shows it: in the summary, or beside a field of a bound
    /// form ("Input.Email"). When a post leaves a whole form out, MVC binds the form without its
    /// prefix and files the errors under "Email", or under the form's own name: beside no field.
    /// </summary>
    private static bool ShowsAnError(PageHandlerExecutedContext context)
    {
        var bound = context.ActionDescriptor.BoundProperties;
        bool Shown(string key) => key.Length == 0 || bound.Any(p =>
            key.StartsWith(p.Name + ".", StringComparison.Ordinal)
            || key.StartsWith(p.Name + "[", StringComparison.Ordinal)
            || (key == p.Name && (p.ParameterType == typeof(string) || !p.ParameterType.IsClass || typeof(System.Collections.IEnumerable).IsAssignableFrom(p.ParameterType))));
        return context.ModelState.Any(e => e.Value is { Errors.Count: > 0 } && Shown(e.Key));
    }

    public const string UnreadableFormMessage =
        "This form reached the server incomplete or altered, so nothing was saved. Reload the page and try again.";

    private static async Task<IActionResult> RerenderAsync(PageHandlerExecutedContext context)
    {
        if (context.HandlerInstance is IReloadOnError page)
        {
            try
            {
                await page.ReloadAsync(context.HttpContext.RequestAborted);
            }
            catch (Exception refused) when (refused is NotFoundException or ForbiddenAccessException)
            {
                // Validation can refuse a form before its handler looks at the ids: reading the page again
                // is then the first look, and another jurisdiction's review (or a debrief the user may not
                // read) answers 404 (403) as the handler would have, not a server error.
                return Refusal(refused);
            }
        }

        return new PageResult();
    }

    private static IActionResult Refusal(Exception refused) =>
        refused is NotFoundException ? new NotFoundResult() : new StatusCodeResult(StatusCodes.Status403Forbidden);

    /// <summary>The name of the bound form property whose fields the handler posted ("Data" by convention).</summary>
    private static string FormPrefix(PageHandlerExecutedContext context)
    {
        if (context.HandlerInstance is IHasFormPrefix custom)
        {
            return custom.FormPrefix;
        }

        return "Data";
    }
}

/// <summary>A page whose current handler posts a form bound under another name than "Data".</summary>
public interface IHasFormPrefix
{
    string FormPrefix { get; }
}
