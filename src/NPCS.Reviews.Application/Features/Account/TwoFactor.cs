using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Security;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Account;

/// <summary>
/// The signed-in person's own two-factor sign-in with an authenticator app (TOTP, RFC 6238): set it
/// up with a code from the app, get recovery codes once, make new ones, reset the app or turn it off.
/// </summary>
public static class TwoFactor
{
    public const string Issuer = "NPCS.Reviews";
    public const int RecoveryCodeCount = 10;

    [Authorize(Roles.AnyRole)]
    public sealed record Query : IQuery<Status>;

    /// <summary>The account's two-factor state. The key (in groups of four) and the otpauth:// address are empty once it is on.</summary>
    public sealed record Status(bool Enabled, bool Required, string SharedKey, string AuthenticatorUri, int RecoveryCodesLeft);

    [Authorize(Roles.AnyRole)]
    public sealed class EnableCommand : ICommand<IReadOnlyList<string>>
    {
        public string? Code { get; set; }
    }

    [Authorize(Roles.AnyRole)]
    public sealed record DisableCommand : ICommand;

    [Authorize(Roles.AnyRole)]
    public sealed record ResetCommand : ICommand;

    [Authorize(Roles.AnyRole)]
    public sealed record NewRecoveryCodesCommand : ICommand<IReadOnlyList<string>>;

    public sealed class EnableValidator : AbstractValidator<EnableCommand>
    {
        public EnableValidator()
        {
            RuleFor(x => x.Code)
                .NotEmpty().WithMessage("Enter the 6-digit code your authenticator app shows.")
                .Must(c => Digits(c).Length == 6).When(x => !string.IsNullOrWhiteSpace(x.Code), ApplyConditionTo.CurrentValidator)
                .WithMessage("The code is the 6 digits your authenticator app shows, like 123 456.");
        }
    }

    /// <summary>The code without the spaces and hyphens people type, or an empty string if anything else is in it.</summary>
    public static string Digits(string? code)
    {
        var trimmed = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return trimmed.Length <= 12 && trimmed.All(char.IsAsciiDigit) ? trimmed : string.Empty;
    }

    /// <summary>Whether the account's role and jurisdiction demand two-factor sign-in.</summary>
    public static async Task<bool> IsRequiredAsync(ReviewsDbContext db, UserManager<ApplicationUser> users, ApplicationUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        if (user.JurisdictionId is not { } jurisdictionId)
        {
            return false;
        }

        var roles = await users.GetRolesAsync(user);
        return roles.Any(Roles.TwoFactorRequired.Contains)
            && await db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Id == jurisdictionId).Select(j => j.RequireTwoFactorForSupervisors).SingleOrDefaultAsync(ct);
    }

    public sealed class Handler(
        ReviewsDbContext db,
        UserManager<ApplicationUser> users,
        IUserStore<ApplicationUser> store,
        ICurrentUser current,
        SecurityLog log)
        : IQueryHandler<Query, Status>,
          ICommandHandler<EnableCommand, IReadOnlyList<string>>,
          ICommandHandler<DisableCommand>,
          ICommandHandler<ResetCommand>,
          ICommandHandler<NewRecoveryCodesCommand, IReadOnlyList<string>>
    {
        public async ValueTask<Status> Handle(Query query, CancellationToken cancellationToken)
        {
            var user = await CurrentAsync();
            var required = await IsRequiredAsync(db, users, user, cancellationToken);
            if (user.TwoFactorEnabled)
            {
                return new Status(true, required, string.Empty, string.Empty, await users.CountRecoveryCodesAsync(user));
            }

            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                // The first key is stored without a new security stamp (UserManager.ResetAuthenticatorKeyAsync
                // would make one and sign the person out): nothing was protected by a key before.
                await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), cancellationToken);
                await users.UpdateAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
            }

            var email = user.Email ?? user.UserName ?? string.Empty;
            var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
            return new Status(false, required, FormatKey(key), uri, 0);
        }

        public async ValueTask<IReadOnlyList<string>> Handle(EnableCommand command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var user = await CurrentAsync();
            if (user.TwoFactorEnabled)
            {
                throw new Domain.DomainException("Two-factor sign-in is already on.");
            }

            var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(command.Code));
            if (!valid)
            {
                throw Common.ValidationException.For(nameof(EnableCommand.Code), "That code is not right. Enter the code the app shows now; if it is still refused, check that the phone's clock is set automatically.");
            }

            log.Add(SecurityEventKind.TwoFactorEnabled, user);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        }

        public async ValueTask<Unit> Handle(DisableCommand command, CancellationToken cancellationToken)
        {
            var user = await CurrentAsync();
            if (await IsRequiredAsync(db, users, user, cancellationToken))
            {
                throw new Domain.DomainException(
                    "Your role must sign in with an authenticator app in this jurisdiction, so it cannot be turned off. If you have a new phone, reset the authenticator app instead.");
            }

            log.Add(SecurityEventKind.TwoFactorDisabled, user, "turned off");
            Check(await users.SetTwoFactorEnabledAsync(user, false));
            Check(await users.ResetAuthenticatorKeyAsync(user));
            return Unit.Value;
        }

        public async ValueTask<Unit> Handle(ResetCommand command, CancellationToken cancellationToken)
        {
            var user = await CurrentAsync();
            log.Add(SecurityEventKind.TwoFactorDisabled, user, "authenticator app reset");
            Check(await users.SetTwoFactorEnabledAsync(user, false));
            Check(await users.ResetAuthenticatorKeyAsync(user));
            return Unit.Value;
        }

        public async ValueTask<IReadOnlyList<string>> Handle(NewRecoveryCodesCommand command, CancellationToken cancellationToken)
        {
            var user = await CurrentAsync();
            if (!user.TwoFactorEnabled)
            {
                throw new Domain.DomainException("Set up two-factor sign-in first: recovery codes come with it.");
            }

            log.Add(SecurityEventKind.RecoveryCodesIssued, user);
            return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        }

        private async Task<ApplicationUser> CurrentAsync() =>
            await users.FindByIdAsync(current.RequireUserId()) ?? throw new Common.ForbiddenAccessException("You must be signed in.");

        private static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Identity refused a two-factor change: " + string.Join("; ", result.Errors.Select(e => e.Code)));
            }
        }

        private static string FormatKey(string key) =>
            string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
    }
}
