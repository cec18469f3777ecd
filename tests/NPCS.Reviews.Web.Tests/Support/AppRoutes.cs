using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace NPCS.Reviews.Web.Tests.Support;

/// <summary>
/// One request the app answers, found at run time: a page handler (GET or POST, default or named) or
/// another endpoint (GET). <see cref="Key"/> names it the way the access table does, for example
/// <c>POST /Reviews/{id}/Debrief?handler=Schedule</c>; <see cref="Templates"/> are the addresses it
/// answers at (an Index page has two, "/Reviews" and "/Reviews/Index").
/// </summary>
public sealed record AppRequest(string Method, string Key, IReadOnlyList<string> Templates, string? Handler, IReadOnlyList<AppRequestParameter> Parameters)
{
    public bool IsPost => Method == "POST";

    /// <summary>True for a Razor page's handler (which may still answer with a file); false for other endpoints.</summary>
    public bool IsPage { get; init; }

    /// <summary>The Razor page's path in the view engine, e.g. <c>/Reviews/Details</c>; null for other endpoints.</summary>
    public string? ViewEnginePath { get; init; }

    /// <summary>True when <paramref name="name"/> is a route value (a {name} of the address), not a form or query value.</summary>
    public static bool InTemplate(string template, string name) => template.Contains('{' + name + '}', StringComparison.OrdinalIgnoreCase);
}

/// <summary>A value a page handler binds by name (route, query or form), besides its bound form properties.</summary>
public sealed record AppRequestParameter(string Name, Type Type);

/// <summary>Discovers every page handler and endpoint of the running app from its <see cref="EndpointDataSource"/>.</summary>
public static class AppRoutes
{
    /// <summary>The key every file <c>MapStaticAssets</c> serves shares in the access table.</summary>
    public const string StaticAssets = "GET (static asset)";

    public static async Task<IReadOnlyList<AppRequest>> DiscoverAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var loader = services.GetRequiredService<PageLoader>();
        var requests = new List<AppRequest>();

        // A page can have several routes (Index pages); each route has its own descriptor of the same page.
        foreach (var page in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null).GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath))
        {
            var templates = page.Select(e => Normalize(e.RoutePattern.RawText)).Distinct().OrderBy(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).ToList();
            var first = page.First();
            var compiled = await loader.LoadAsync(first.Metadata.GetMetadata<PageActionDescriptor>()!, first.Metadata);
            foreach (var handler in compiled.HandlerMethods)
            {
                var method = handler.HttpMethod.ToUpperInvariant();
                var key = $"{method} {templates[0]}" + (handler.Name is null ? string.Empty : $"?handler={handler.Name}");
                var parameters = handler.Parameters
                    .Where(p => p.ParameterType != typeof(CancellationToken))
                    .Select(p => new AppRequestParameter(p.Name, p.ParameterType))
                    .ToList();
                requests.Add(new AppRequest(method, key, templates, handler.Name, parameters) { IsPage = true, ViewEnginePath = page.Key });
            }
        }

        // Other endpoints (health, static files, fallbacks) answer GET; static files share one entry.
        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<ActionDescriptor>() is null))
        {
            var template = Normalize(endpoint.RoutePattern.RawText);
            var key = endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null ? StaticAssets : $"GET {template}";
            if (!requests.Any(r => r.Key == key && r.Templates.Contains(template)))
            {
                var existing = requests.FindIndex(r => r.Key == key);
                if (existing >= 0)
                {
                    requests[existing] = requests[existing] with { Templates = [.. requests[existing].Templates, template] };
                }
                else
                {
                    requests.Add(new AppRequest("GET", key, [template], null, []));
                }
            }
        }

        return requests;
    }

    /// <summary>"/Reviews/{id}/Debrief" for the pattern "Reviews/{id:int}/Debrief": constraints dropped, one leading slash.</summary>
    public static string Normalize(string? rawText)
    {
        var text = (rawText ?? string.Empty).TrimStart('/');
        var parts = text.Split('/').Select(part =>
        {
            if (!part.StartsWith('{'))
            {
                return part;
            }

            var name = part.Trim('{', '}');
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            return '{' + (colon >= 0 ? name[..colon] : name) + '}';
        });
        return "/" + string.Join('/', parts);
    }
}
