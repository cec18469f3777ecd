using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Security;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Administration;

/// <summary>One account of the jurisdiction: its details, role, lock and a new set-password link.</summary>
public static class ManageUser
{
    [Authorize(Roles.Administrator)]
    public sealed record Query(string Id) : IQuery<Details>;

    public sealed record Details(string Id, string Email, string DisplayName, string? Role, bool Locked, bool PasswordSet, bool IsSelf, bool TwoFactorEnabled);

    [Authorize(Roles.Administrator)]
    public sealed class ChangeRoleCommand : ICommand
    {
        public string? Id { get; set; }

        public string? Role { get; set; }
    }

    [Authorize(Roles.Administrator)]
    public sealed record SetLockCommand(string Id, bool Locked) : ICommand;

    /// <summary>For a person who lost their authenticator and their recovery codes: they set it up again at their next sign-in.</summary>
    [Authorize(Roles.Administrator)]
    public sealed record ResetTwoFactorCommand(string Id) : ICommand;

    /// <summary>Also how a forgotten password is reset: agencies have no self-service email here.</summary>
    [Authorize(Roles.Administrator)]
    public sealed record IssuePasswordLinkCommand(string Id) : ICommand<PasswordLink>;

    public sealed class ChangeRoleValidator : AbstractValidator<ChangeRoleCommand>
    {
        public ChangeRoleValidator()
        {
            RuleFor(x => x.Role)
                .NotEmpty().WithMessage("Choose a role.")
                .Must(r => Roles.JurisdictionRoles.Contains(r)).When(x => !string.IsNullOrEmpty(x.Role), ApplyConditionTo.CurrentValidator)
                .WithMessage("Choose one of the listed roles.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, UserManager<ApplicationUser> users, ICurrentUser current, TimeProvider time, SecurityLog log)
        : IQueryHandler<Query, Details>,
          ICommandHandler<ChangeRoleCommand>,
          ICommandHandler<SetLockCommand>,
          ICommandHandler<ResetTwoFactorCommand>,
          ICommandHandler<IssuePasswordLinkCommand, PasswordLink>
    {
        public async ValueTask<Details> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var user = await UserAccounts.FindInJurisdictionAsync(db, query.Id, cancellationToken);
            var roles = await users.GetRolesAsync(user);
            return new Details(
                user.Id,
                user.Email ?? string.Empty,
                user.DisplayName,
                roles.FirstOrDefault(),
                UserAccounts.IsLocked(user, time.GetUtcNow()),
                user.PasswordHash is not null,
                user.Id == current.UserId,
                user.TwoFactorEnabled);
        }

        public async ValueTask<Unit> Handle(ChangeRoleCommand command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var user = await UserAccounts.FindInJurisdictionAsync(db, command.Id, cancellationToken);
            UserAccounts.EnsureNotSelf(current, user, "change the role of");
            var existing = await users.GetRolesAsync(user);
            log.Add(SecurityEventKind.RoleChanged, user, $"{existing.FirstOrDefault() ?? "No role"} to {command.Role}");
            UserAccounts.ThrowIfFailed(await users.RemoveFromRolesAsync(user, existing), nameof(command.Role));
            UserAccounts.ThrowIfFailed(await users.AddToRoleAsync(user, command.Role!), nameof(command.Role));

            // A new security stamp signs the user out everywhere, so the new role applies at once.
            await users.UpdateSecurityStampAsync(user);
            return Unit.Value;
        }

        public async ValueTask<Unit> Handle(SetLockCommand command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var user = await UserAccounts.FindInJurisdictionAsync(db, command.Id, cancellationToken);
            UserAccounts.EnsureNotSelf(current, user, command.Locked ? "lock" : "unlock");
            log.Add(command.Locked ? SecurityEventKind.AccountLocked : SecurityEventKind.AccountUnlocked, user);
            UserAccounts.ThrowIfFailed(await users.SetLockoutEnabledAsync(user, true), string.Empty);
            UserAccounts.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, command.Locked ? DateTimeOffset.MaxValue : null), string.Empty);
            if (!command.Locked)
            {
                await users.ResetAccessFailedCountAsync(user);
            }

            await users.UpdateSecurityStampAsync(user);
            return Unit.Value;
        }

        public async ValueTask<Unit> Handle(ResetTwoFactorCommand command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var user = await UserAccounts.FindInJurisdictionAsync(db, command.Id, cancellationToken);
            UserAccounts.EnsureNotSelf(current, user, "reset two-factor sign-in for");
            log.Add(SecurityEventKind.TwoFactorDisabled, user, "reset by an administrator");

            // A new key (which also changes the security stamp, signing the person out): the lost app's codes stop
            // working. Old recovery codes cannot be used while two-factor sign-in is off; turning it on issues new ones.
            UserAccounts.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false), string.Empty);
            UserAccounts.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user), string.Empty);
            return Unit.Value;
        }

        public async ValueTask<PasswordLink> Handle(IssuePasswordLinkCommand command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var user = await UserAccounts.FindInJurisdictionAsync(db, command.Id, cancellationToken);
            UserAccounts.EnsureNotSelf(current, user, "issue a password link for");
            log.Add(SecurityEventKind.PasswordLinkIssued, user);
            await db.SaveChangesAsync(cancellationToken);
            return new PasswordLink(user.Id, user.Email ?? string.Empty, await users.GeneratePasswordResetTokenAsync(user));
        }
    }
}
