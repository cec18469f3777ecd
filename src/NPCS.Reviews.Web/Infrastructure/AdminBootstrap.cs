using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Jurisdictions;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// <c>create-admin</c>: opens a jurisdiction's first Administrator account on a new installation
/// (there is no self-registration) and prints a one-time set-password link for that person.
/// </summary>
public static class AdminBootstrap
{
    public const string Command = "create-admin";

    private const string Usage =
        "Usage: NPCS.Reviews.Web create-admin --jurisdiction-name \"Example County\" --jurisdiction-code EXMP " +
        "--kind State|County|Tribal --email admin@agency.gov --name \"Pat Admin\" --base-url https://reviews.agency.gov";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Command;

    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var options = Parse(args.Skip(1).ToArray());
        string? Get(string name) => options.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var name = Get("jurisdiction-name");
        var code = Get("jurisdiction-code");
        var email = Get("email");
        var displayName = Get("name");
        var baseUrl = Get("base-url");
        if (name is null || code is null || email is null || displayName is null || baseUrl is null
            || !Enum.TryParse<JurisdictionKind>(Get("kind") ?? "County", ignoreCase: true, out var kind)
            || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        var upperCode = code.ToUpperInvariant();
        var jurisdiction = await db.Jurisdictions.IgnoreQueryFilters().SingleOrDefaultAsync(j => j.Code == upperCode);
        if (jurisdiction is null)
        {
            jurisdiction = new Jurisdiction(name, kind, code);
            db.Jurisdictions.Add(jurisdiction);
            await db.SaveChangesAsync();
            await output.WriteLineAsync($"Created jurisdiction {jurisdiction.Name} ({jurisdiction.Code}).");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            await output.WriteLineAsync($"An account with the email {email} already exists; nothing changed.");
            return 1;
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            JurisdictionId = jurisdiction.Id,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Administrator);
        }

        if (!created.Succeeded)
        {
            await output.WriteLineAsync("The account could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            return 1;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code64 = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = new Uri(baseUri, $"/Account/SetPassword?userId={Uri.EscapeDataString(user.Id)}&code={code64}");
        await output.WriteLineAsync($"Administrator {email} created in {jurisdiction.Name}.");
        await output.WriteLineAsync("Give this one-time link to them (valid 3 days); they choose their own password there:");
        await output.WriteLineAsync(link.ToString());
        return 0;
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                result[args[i][2..]] = args[++i];
            }
        }

        return result;
    }
}
