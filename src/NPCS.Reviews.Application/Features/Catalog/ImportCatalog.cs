using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Catalog;
using ValidationException = NPCS.Reviews.Application.Common.ValidationException;

namespace NPCS.Reviews.Application.Features.Catalog;

/// <summary>
/// Loads a catalog from a JSON file (an export of this application, or the SSIT typed in by a
/// licensed jurisdiction). The current catalog is superseded, not changed: findings coded with it
/// keep their items. Every problem in the file is reported beside the file field.
/// </summary>
public static class ImportCatalog
{
    [Authorize(Roles.Administrator)]
    public sealed class Command : ICommand
    {
        /// <summary>The uploaded file's bytes, or null when no file was chosen.</summary>
        public byte[]? File { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.File)
                .Must(f => f is { Length: > 0 }).WithMessage("Choose a JSON file to import.")
                .Must(f => f!.Length <= CatalogJson.MaxBytes)
                .When(x => x.File is { Length: > 0 }, ApplyConditionTo.CurrentValidator)
                .WithMessage("The file is larger than 1 MB; a catalog is much smaller. Check that you chose the right file.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var definition = Parse(command.File!);
            FileProblems.ThrowIfAny(Problems(definition), nameof(Command.File));

            FactorCatalog created;
            try
            {
                created = FactorCatalog.Create(user.RequireJurisdictionId(), definition!, time.GetUtcNow());
            }
            catch (DomainException ex)
            {
                // The checks above catch what we know of; a rule the domain adds later still lands beside the field.
                throw ValidationException.For(nameof(Command.File), ex.Message);
            }

            // Two imports (or an import and an added item) at once: the second is refused as a
            // concurrent change, so a jurisdiction never ends up with two current catalogs.
            var current = await CurrentCatalog.LoadAsync(db, cancellationToken);
            await CurrentCatalog.SaveAsync(
                db,
                current,
                current.Concurrency,
                () =>
                {
                    current.Supersede();
                    db.FactorCatalogs.Add(created);
                },
                cancellationToken);
            return Unit.Value;
        }

        private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

        private static CatalogDefinition? Parse(byte[] file)
        {
            try
            {
                // Editors on Windows often save with a byte-order mark; it is not part of the JSON.
                var json = file.AsSpan();
                return JsonSerializer.Deserialize<CatalogDefinition>(json.StartsWith(Utf8Bom) ? json[Utf8Bom.Length..] : json, CatalogJson.Options);
            }
            catch (JsonException ex)
            {
                var line = ex.LineNumber is long n ? string.Create(CultureInfo.InvariantCulture, $" (line {n + 1})") : string.Empty;
                throw ValidationException.For(
                    nameof(Command.File),
                    $"The file is not a catalog in JSON{line}. Use a file exported from this page, or follow the format in the catalog guide.");
            }
        }
    }

    /// <summary>Everything wrong with the definition, in the words an administrator needs to correct the file.</summary>
    internal static IEnumerable<string> Problems(CatalogDefinition? definition)
    {
        if (definition is null)
        {
            yield return "The file is empty or holds no catalog.";
            yield break;
        }

        foreach (var p in FileProblems.Text(definition.Name, "The catalog's name", FactorCatalog.NameMaxLength))
        {
            yield return p;
        }

        if (definition.Domains is not { Count: > 0 })
        {
            yield return "The catalog has no domains; it needs at least one, each with its items.";
            yield break;
        }

        var domainCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var itemCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var d = 0; d < definition.Domains.Count; d++)
        {
            var domain = definition.Domains[d];
            var where = string.Create(CultureInfo.InvariantCulture, $"Domain {d + 1}");
            if (domain is null)
            {
                yield return $"{where} is empty.";
                continue;
            }

            foreach (var p in FileProblems.Text(domain.Code, $"{where}: the code", FactorDomain.CodeMaxLength)
                .Concat(FileProblems.Text(domain.Name, $"{where}: the name", FactorDomain.NameMaxLength)))
            {
                yield return p;
            }

            if (!string.IsNullOrWhiteSpace(domain.Code) && !domainCodes.Add(domain.Code.Trim()))
            {
                yield return $"{where}: the domain code {domain.Code.Trim()} is used more than once.";
            }

            if (domain.Items is not { Count: > 0 })
            {
                yield return $"{where} has no items; every domain needs at least one.";
                continue;
            }

            for (var i = 0; i < domain.Items.Count; i++)
            {
                var item = domain.Items[i];
                var at = string.Create(CultureInfo.InvariantCulture, $"{where}, item {i + 1}");
                if (item is null)
                {
                    yield return $"{at} is empty.";
                    continue;
                }

                foreach (var p in FileProblems.Text(item.Code, $"{at}: the code", FactorItem.CodeMaxLength)
                    .Concat(FileProblems.Text(item.Name, $"{at}: the name", FactorItem.NameMaxLength)))
                {
                    yield return p;
                }

                if (item.Guidance?.Trim() is { Length: > FactorItem.GuidanceMaxLength })
                {
                    yield return $"{at}: the guidance can be at most {FactorItem.GuidanceMaxLength} characters.";
                }

                if (!string.IsNullOrWhiteSpace(item.Code) && !itemCodes.Add(item.Code.Trim()))
                {
                    yield return $"{at}: the code {item.Code.Trim()} is used more than once.";
                }
            }
        }
    }
}
