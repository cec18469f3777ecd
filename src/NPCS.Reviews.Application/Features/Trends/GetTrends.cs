using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;
using ValidationException = NPCS.Reviews.Application.Common.ValidationException;

namespace NPCS.Reviews.Application.Features.Trends;

/// <summary>
/// The trends dashboard: reviews approved in a period (by approval month), from the NPCS hub for an
/// Analyst (all imported jurisdictions or one), or live from their own jurisdiction for its
/// Supervisors and Administrators, with the pooled hub data beside it as shares and medians when
/// the hub holds any. Every count is suppressed (ADR 0015) before it leaves this handler.
/// </summary>
public static class GetTrends
{
    /// <summary>The longest period one dashboard shows: 5 years, 20 quarters.</summary>
    public const int MaxMonths = 60;

    public const int MinYear = 1900;
    public const int MaxYear = 2999;

    /// <param name="From">The first approval month, yyyy-MM; empty for 11 months before <paramref name="To"/>.</param>
    /// <param name="To">The last approval month, yyyy-MM; empty for the current month.</param>
    /// <param name="IncidentType">One incident type, or all.</param>
    /// <param name="Jurisdiction">Analysts only: one imported jurisdiction's code, or all.</param>
    [Authorize(Roles.TrendReaders)]
    public sealed record Query(string? From = null, string? To = null, IncidentType? IncidentType = null, string? Jurisdiction = null) : IQuery<Result>, IAnalyticQuery;

    /// <summary>Where the numbers come from: the hub (Analysts) or the viewer's own jurisdiction.</summary>
    public enum Source
    {
        Hub = 1,
        Own = 2,
    }

    public sealed record Result(
        Source Source,
        string SourceName,
        ExtractPeriod Period,
        IncidentType? IncidentType,
        string? Jurisdiction,
        TrendCell Reviews,
        TrendCell? PooledReviews,
        int Threshold,
        IReadOnlyList<TrendTable> Tables);

    /// <summary>What the filter form offers: the hub's jurisdictions (Analysts only) and the default period.</summary>
    [Authorize(Roles.TrendReaders)]
    public sealed record ChoicesQuery : IQuery<Choices>;

    public sealed record Choices(bool IsAnalyst, IReadOnlyList<string> HubJurisdictions, ExtractPeriod DefaultPeriod, int CurrentYear);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(ICurrentUser user, TrendSources sources)
        {
            RuleFor(q => q.From).Must(m => Months(m, out _)).WithMessage("Enter a month as yyyy-mm, for example 2026-01.");
            RuleFor(q => q.To).Must(m => Months(m, out _)).WithMessage("Enter a month as yyyy-mm, for example 2026-12.");
            RuleFor(q => q.IncidentType).Must(t => t is null || Enum.IsDefined(t.Value)).WithMessage("Choose an incident type from the list.");
            RuleFor(q => q.Jurisdiction)
                .Must(_ => IsAnalyst(user)).WithMessage("Only NPCS analysts choose a jurisdiction: yours is shown.")
                .MustAsync(async (code, ct) => (await sources.HubJurisdictionsAsync(ct)).Contains(code, StringComparer.Ordinal))
                .WithMessage("Choose a jurisdiction from the list.")
                .When(q => !string.IsNullOrEmpty(q.Jurisdiction));
        }

        /// <summary>
        /// False when a month is present but unreadable or outside the years a review can have been
        /// approved in (the date arithmetic of a period must not overflow); a missing month is null.
        /// </summary>
        private static bool Months(string? text, out YearMonth? month)
        {
            month = null;
            if (string.IsNullOrEmpty(text))
            {
                return true;
            }

            if (!YearMonth.TryParse(text, out var parsed) || parsed.Year is < MinYear or > MaxYear)
            {
                return false;
            }

            month = parsed;
            return true;
        }
    }

    /// <summary>An Analyst works at NPCS level, outside every jurisdiction: they read the hub.</summary>
    internal static bool IsAnalyst(ICurrentUser user) => user.JurisdictionId is null && user.IsInRole(Roles.Analyst);

    /// <summary>
    /// The period asked for, or the last 12 months up to this month (in the viewer's time zone). A
    /// period that ends before it starts, or spans more than <see cref="MaxMonths"/>, is refused
    /// beside the field that makes it so (the months themselves were read by the validator).
    /// </summary>
    internal static async Task<ExtractPeriod> PeriodAsync(JurisdictionClock clock, string? from, string? to, CancellationToken ct)
    {
        var last = YearMonth.TryParse(to, out var toMonth) ? toMonth : YearMonth.Of(await clock.TodayAsync(ct));
        var first = YearMonth.TryParse(from, out var fromMonth) ? fromMonth : last.AddMonths(-11);
        if (first > last)
        {
            throw ValidationException.For(string.IsNullOrEmpty(to) ? nameof(Query.From) : nameof(Query.To), "The last month must not be before the first.");
        }

        if (last.AddMonths(-(MaxMonths - 1)) > first)
        {
            throw ValidationException.For(nameof(Query.From), $"Choose at most {MaxMonths / 12} years ({MaxMonths} months).");
        }

        return new ExtractPeriod(first, last);
    }

    public sealed class ChoicesHandler(ICurrentUser user, TrendSources sources, JurisdictionClock clock) : IQueryHandler<ChoicesQuery, Choices>
    {
        public async ValueTask<Choices> Handle(ChoicesQuery query, CancellationToken cancellationToken)
        {
            var analyst = IsAnalyst(user);
            var period = await PeriodAsync(clock, null, null, cancellationToken);
            return new Choices(analyst, analyst ? await sources.HubJurisdictionsAsync(cancellationToken) : [], period, period.To.Year);
        }
    }

    public sealed class Handler(ICurrentUser user, TrendSources sources, JurisdictionClock clock, IOptions<TrendOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var threshold = options.Value.SmallCellThreshold;
            var period = await PeriodAsync(clock, query.From, query.To, cancellationToken);
            var labels = await sources.LabelsAsync(cancellationToken);
            if (IsAnalyst(user))
            {
                var jurisdiction = string.IsNullOrEmpty(query.Jurisdiction) ? null : query.Jurisdiction;
                var hub = await sources.HubAsync(period, jurisdiction, query.IncidentType, cancellationToken);
                var report = new TrendReport(hub, null, labels, threshold);
                return new Result(
                    Source.Hub, jurisdiction ?? "All imported jurisdictions", period, query.IncidentType, jurisdiction,
                    report.Reviews, null, threshold, report.Dashboard());
            }

            var (_, name) = await sources.OwnJurisdictionAsync(cancellationToken);
            var own = await sources.OwnAsync(period, query.IncidentType, labels, cancellationToken);
            var pooled = await sources.HubHasDataAsync(cancellationToken)
                ? await sources.HubAsync(period, null, query.IncidentType, cancellationToken)
                : null;
            var withPooled = new TrendReport(own, pooled, labels, threshold);
            return new Result(
                Source.Own, name, period, query.IncidentType, null,
                withPooled.Reviews, withPooled.PooledReviews, threshold, withPooled.Dashboard());
        }
    }
}
