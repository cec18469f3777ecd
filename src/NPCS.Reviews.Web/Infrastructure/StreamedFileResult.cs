using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// A download written while it is produced (a large extract), not built in memory first. Marked
/// no-store: a file of review data must not linger in shared or browser caches.
/// </summary>
public sealed class StreamedFileResult(string fileName, string contentType, Func<Stream, CancellationToken, Task> writeAsync) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        await writeAsync(response.Body, context.HttpContext.RequestAborted);
    }
}
