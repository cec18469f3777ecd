using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Trends;

/// <summary>
/// The two places trends come from, both counted into a <see cref="TrendAggregator"/>: the NPCS hub
/// (every imported jurisdiction's shared reviews; filters on the hub's own columns run in SQL, then
/// each <see cref="ExtractRecord"/> is read from its JSON) and the signed-in user's jurisdiction, live,
/// counted in the database by <see cref="ExtractSource.CountAsync"/> (the same reviews and coded
/// columns as an export, never a text column).
/// </summary>
public sealed class TrendSources(ReviewsDbContext db, ExtractSource extracts)
{
    /// <summary>The jurisdiction codes the hub holds reviews of, in order.</summary>
    public async Task<IReadOnlyList<string>> HubJurisdictionsAsync(CancellationToken ct) =>
        await db.SharedReviews.AsNoTracking().Select(s => s.JurisdictionCode).Distinct().OrderBy(c => c).ToListAsync(ct);

    public Task<bool> HubHasDataAsync(CancellationToken ct) => db.SharedReviews.AnyAsync(ct);

    /// <summary>The hub's reviews approved in the period, of one jurisdiction (or all) and one incident type (or all).</summary>
    public async Task<TrendAggregator> HubAsync(ExtractPeriod period, string? jurisdiction, IncidentType? incidentType, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var from = period.From.FirstDay;
        var to = period.To.FirstDay;
        var shared = db.SharedReviews.AsNoTracking().Where(s => s.ApprovedMonth >= from && s.ApprovedMonth <= to);
        if (jurisdiction is not null)
        {
            shared = shared.Where(s => s.JurisdictionCode == jurisdiction);
        }

        if (incidentType is { } type)
        {
            shared = shared.Where(s => s.IncidentType == (int)type);
        }

        var aggregator = new TrendAggregator(period);
        await foreach (var json in shared.OrderBy(s => s.Id).Select(s => s.Record).AsAsyncEnumerable().WithCancellation(ct))
        {
            aggregator.Add(JsonSerializer.Deserialize<ExtractRecord>(json, ExtractRecord.JsonOptions)
                ?? throw new InvalidOperationException("A shared review holds no record."));
        }

        aggregator.Complete();
        return aggregator;
    }

    /// <summary>The current jurisdiction's reviews approved in the period (by the agency's calendar), of one incident type or all.</summary>
    /// <param name="period">The approval months.</param>
    /// <param name="incidentType">One incident type, or all.</param>
    /// <param name="labels">From <see cref="LabelsAsync"/>: the codes of the catalog items the findings name.</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<TrendAggregator> OwnAsync(ExtractPeriod period, IncidentType? incidentType, CatalogLabels labels, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var owner = await extracts.OwnerAsync(ct);
        var aggregator = new TrendAggregator(period);
        await extracts.CountAsync(owner, aggregator, incidentType, labels.ItemCodes, ct);
        aggregator.Complete();
        return aggregator;
    }

    /// <summary>The current jurisdiction's code and name.</summary>
    public async Task<(string Code, string Name)> OwnJurisdictionAsync(CancellationToken ct)
    {
        var own = await db.Jurisdictions.AsNoTracking().Select(j => new { j.Code, j.Name }).SingleOrDefaultAsync(ct)
            ?? throw new Common.ForbiddenAccessException("Your account does not belong to a jurisdiction.");
        return (own.Code, own.Name);
    }

    /// <summary>
    /// Names for catalog codes: the user's current catalog first, then its earlier versions (a
    /// retired item keeps its name), then the default catalog; a code none of them knows (another
    /// jurisdiction's own item) is shown as its code. With them, the codes of every item of the
    /// jurisdiction's catalogs by id, which the live counts use instead of joining each finding
    /// to its item and domain.
    /// </summary>
    public async Task<CatalogLabels> LabelsAsync(CancellationToken ct)
    {
        var catalogs = await db.FactorCatalogs.AsNoTracking().AsSplitQuery()
            .OrderByDescending(c => c.IsCurrent).ThenByDescending(c => c.Version).ToListAsync(ct);
        var itemCodes = catalogs.SelectMany(c => c.Domains).SelectMany(d => d.Items.Select(i => (i.Id, Codes: new ItemCodes(d.Code, i.Code))))
            .ToDictionary(i => i.Id, i => i.Codes);
        var definitions = catalogs.Select(c => c.ToDefinition()).Append(DefaultCatalog.Definition);
        var domains = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            foreach (var domain in definition.Domains)
            {
                domains.TryAdd(domain.Code, domain.Name);
                foreach (var item in domain.Items)
                {
                    items.TryAdd(item.Code, item.Name);
                }
            }
        }

        return new CatalogLabels(domains, items) { ItemCodes = itemCodes };
    }
}

/// <summary>Display names of catalog codes; an unknown code reads as itself.</summary>
public sealed class CatalogLabels(IReadOnlyDictionary<string, string> domains, IReadOnlyDictionary<string, string> items)
{
    /// <summary>The domain and item codes of the jurisdiction's catalog items, by item id.</summary>
    public IReadOnlyDictionary<int, ItemCodes> ItemCodes { get; init; } = new Dictionary<int, ItemCodes>();

    public string Domain(string code) => domains.TryGetValue(code, out var name) ? $"{name} ({code})" : code;

    public string Item(string code) => items.TryGetValue(code, out var name) ? $"{name} ({code})" : code;
}

/// <summary>A catalog item's code and its domain's.</summary>
public readonly record struct ItemCodes(string Domain, string Item);
