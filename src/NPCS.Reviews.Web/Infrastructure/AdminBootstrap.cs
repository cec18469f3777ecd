using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Administration;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Jurisdictions;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// Command-line account bootstrap for a new installation (there is no self-registration):
/// <c>create-admin</c> opens a jurisdiction's first Administrator (creating the jurisdiction when
/// its code is new); <c>create-analyst</c> opens an NPCS-level Analyst account, outside any
/// jurisdiction. Each prints a one-time set-password link for the person.
/// </summary>
public static class AdminBootstrap
{
    public const string CreateAdmin = "create-admin";
    public const string CreateAnalyst = "create-analyst";

    private const string Usage = """
        Usage:
          NPCS.Reviews.Web create-admin --jurisdiction-name "Example County" --jurisdiction-code EXMP
              [--kind State|County|Tribal] [--time-zone America/Chicago]
              --email admin@agency.gov --name "Pat Admin" --base-url https://reviews.agency.gov
          NPCS.Reviews.Web create-analyst --email analyst@npcs.org --name "Ana Analyst" --base-url https://reviews.agency.gov
        """;

    public static bool IsRequested(string[] args) => args is [CreateAdmin or CreateAnalyst, ..];

    /// <returns>The process exit code: 0 done, 1 refused (the account exists or could not be created), 2 wrong usage.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var analyst = args[0] == CreateAnalyst;
        var options = Parse(args[1..]);
        string? Get(string name) => options.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var email = Get("email");
        var displayName = Get("name");
        if (email is null || !email.Contains('@', StringComparison.Ordinal) || email.Length > 256
            || displayName is null || displayName.Length > ApplicationUser.DisplayNameMaxLength
            || !Uri.TryCreate(Get("base-url"), UriKind.Absolute, out var baseUri))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        Jurisdiction? requested = null;
        if (!analyst)
        {
            try
            {
                requested = new Jurisdiction(
                    Get("jurisdiction-name") ?? string.Empty,
                    Enum.TryParse<JurisdictionKind>(Get("kind") ?? nameof(JurisdictionKind.County), ignoreCase: true, out var kind) && Enum.IsDefined(kind)
                        ? kind
                        : throw new DomainException("The kind is State, County or Tribal."),
                    Get("jurisdiction-code") ?? string.Empty,
                    timeZoneId: Get("time-zone") is { } zone && !UsTimeZones.All.Any(z => z.Id == zone)
                        ? throw new DomainException("The time zone is one of: " + string.Join(", ", UsTimeZones.All.Select(z => z.Id)) + ".")
                        : Get("time-zone") ?? Jurisdiction.DefaultTimeZone);
            }
            catch (DomainException ex)
            {
                await output.WriteLineAsync(ex.Message);
                await output.WriteLineAsync(Usage);
                return 2;
            }
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        if (await users.FindByEmailAsync(email) is not null)
        {
            await output.WriteLineAsync($"An account with the email {email} already exists; nothing changed.");
            return 1;
        }

        // The set-password token needs the Data Protection key ring, which is written through its own
        // connection: create it now, before the transaction holds the (SQLite) write lock.
        scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(nameof(AdminBootstrap)).Protect([0]);

        // One transaction (inside the provider's execution strategy, which SQL Server's retries require):
        // a refused account leaves no new jurisdiction behind.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Jurisdiction? jurisdiction = null;
            if (requested is not null)
            {
                jurisdiction = await db.Jurisdictions.IgnoreQueryFilters().SingleOrDefaultAsync(j => j.Code == requested.Code);
                if (jurisdiction is null)
                {
                    jurisdiction = requested;
                    db.Jurisdictions.Add(jurisdiction);
                    await db.SaveChangesAsync();
                    await output.WriteLineAsync($"Created jurisdiction {jurisdiction.Name} ({jurisdiction.Code}), time zone {jurisdiction.TimeZoneId}.");
                }
            }

            var user = ApplicationUser.Open(email, displayName, jurisdiction?.Id, time.GetUtcNow());
            var result = await users.CreateAsync(user);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, analyst ? Roles.Analyst : Roles.Administrator);
            }

            if (!result.Succeeded)
            {
                await output.WriteLineAsync("The account could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
                return 1;
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            await transaction.CommitAsync();

            var link = SetPasswordLinks.ForSite(baseUri, new PasswordLink(user.Id, email, token));
            await output.WriteLineAsync(analyst
                ? $"Analyst {email} created (NPCS level, no jurisdiction)."
                : $"Administrator {email} created in {jurisdiction!.Name}.");
            await output.WriteLineAsync("Give this one-time link to them (valid 3 days); they choose their own password there:");
            await output.WriteLineAsync(link.ToString());
            return 0;
        });
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
