using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Catalog;

namespace NPCS.Reviews.Application.Features.Catalog;

/// <summary>Adds a factor to a domain of the current catalog; the catalog's version rises by one.</summary>
public static class AddCatalogItem
{
    [Authorize(Roles.Administrator)]
    public sealed class Command : ICommand
    {
        /// <summary>The catalog's concurrency token the form was loaded with.</summary>
        public Guid Version { get; set; }

        public int? DomainId { get; set; }

        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Guidance { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReviewsDbContext db)
        {
            RuleFor(x => x.DomainId)
                .NotNull().WithMessage("Choose the domain the item belongs to.")
                .MustAsync(async (id, ct) => (await CurrentCatalog.LoadAsync(db, ct)).Domains.Any(d => d.Id == id))
                .When(x => x.DomainId is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("Choose a domain from the list.");
            RuleFor(x => x.Code)
                .NotEmpty().WithMessage("Enter the item's code, for example SAFE-4.")
                .MaximumLength(FactorItem.CodeMaxLength).WithMessage($"The code can be at most {FactorItem.CodeMaxLength} characters.")
                .Must(code => string.IsNullOrWhiteSpace(code) || FactorCatalog.IsCode(code.Trim())).WithMessage("The code can hold only letters, digits, '.', '_' and '-', starting with a letter or digit (no spaces).")
                .MustAsync(async (code, ct) => !(await CurrentCatalog.LoadAsync(db, ct)).Items
                    .Any(i => string.Equals(i.Code, code!.Trim(), StringComparison.OrdinalIgnoreCase)))
                .When(x => !string.IsNullOrWhiteSpace(x.Code), ApplyConditionTo.CurrentValidator)
                .WithMessage(x => $"The code {x.Code!.Trim()} is already used in this catalog (retired items keep their code). Choose another.");
            RuleFor(x => x.Name)
                .NotEmpty().WithMessage("Enter the item's name.")
                .MaximumLength(FactorItem.NameMaxLength).WithMessage($"The name can be at most {FactorItem.NameMaxLength} characters.");
            RuleFor(x => x.Guidance)
                .MaximumLength(FactorItem.GuidanceMaxLength).WithMessage($"The guidance can be at most {FactorItem.GuidanceMaxLength} characters.");
        }
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var catalog = await CurrentCatalog.LoadAsync(db, cancellationToken);
            await CurrentCatalog.SaveAsync(
                db,
                catalog,
                command.Version,
                () => catalog.AddItem(command.DomainId!.Value, command.Code!, command.Name!, command.Guidance),
                cancellationToken);
            return Unit.Value;
        }
    }
}
