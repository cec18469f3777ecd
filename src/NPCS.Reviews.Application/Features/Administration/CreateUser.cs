using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Security;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Administration;

/// <summary>
/// An administrator opens an account in their own jurisdiction. The account has no password: the
/// result carries a one-time set-password token the page turns into a link, shown once.
/// </summary>
public static class CreateUser
{
    [Authorize(Roles.Administrator)]
    public sealed class Command : ICommand<PasswordLink>
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public string? Role { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(UserManager<ApplicationUser> users)
        {
            RuleFor(x => x.Email)
                .NotEmpty().WithMessage("Enter the person's work email address.")
                .MaximumLength(256).WithMessage("The email address can be at most 256 characters.")
                .EmailAddress().WithMessage("Enter a valid email address, like name@agency.gov.")
                .MustAsync(async (email, ct) => await users.FindByEmailAsync(email!.Trim()) is null)
                .When(x => !string.IsNullOrWhiteSpace(x.Email), ApplyConditionTo.CurrentValidator)
                .WithMessage("An account with this email address already exists.");
            RuleFor(x => x.DisplayName)
                .NotEmpty().WithMessage("Enter the person's name as colleagues know it.")
                .MaximumLength(ApplicationUser.DisplayNameMaxLength)
                .WithMessage($"The name can be at most {ApplicationUser.DisplayNameMaxLength} characters.");
            RuleFor(x => x.Role)
                .NotEmpty().WithMessage("Choose a role.")
                .Must(r => Roles.JurisdictionRoles.Contains(r)).When(x => !string.IsNullOrEmpty(x.Role), ApplyConditionTo.CurrentValidator)
                .WithMessage("Choose one of the listed roles.");
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, ICurrentUser current, TimeProvider time, SecurityLog log) : ICommandHandler<Command, PasswordLink>
    {
        public async ValueTask<PasswordLink> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var email = command.Email!.Trim();
            var user = ApplicationUser.Open(email, command.DisplayName!.Trim(), current.RequireJurisdictionId(), time.GetUtcNow());
            log.Add(SecurityEventKind.AccountCreated, user, command.Role);
            UserAccounts.ThrowIfFailed(await users.CreateAsync(user), nameof(Command.Email));
            UserAccounts.ThrowIfFailed(await users.AddToRoleAsync(user, command.Role!), nameof(Command.Role));
            var token = await users.GeneratePasswordResetTokenAsync(user);
            return new PasswordLink(user.Id, email, token);
        }
    }
}

/// <summary>A one-time token that lets the account holder choose their own password.</summary>
public sealed record PasswordLink(string UserId, string Email, string Token);
