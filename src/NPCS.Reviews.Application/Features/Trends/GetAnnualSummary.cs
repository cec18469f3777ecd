using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Trends;

/// <summary>
/// The printable annual summary of ONE jurisdiction (what an agency gives its legislature): reviews
/// approved in a calendar year by type and cause, completed on time, the systemic factors found most
/// often, and actions by strength and status, suppressed as the dashboard is. A jurisdiction's
/// Supervisors and Administrators get their own, live; an Analyst chooses an imported jurisdiction.
/// </summary>
public static class GetAnnualSummary
{
    /// <param name="Year">The calendar year of approval; empty for the current year.</param>
    /// <param name="Jurisdiction">Analysts only: the imported jurisdiction's code.</param>
    [Authorize(Roles.TrendReaders)]
    public sealed record Query(int? Year = null, string? Jurisdiction = null) : IQuery<Result>, IAnalyticQuery;

    public sealed record Result(string JurisdictionName, int Year, ExtractPeriod Period, bool FromHub, TrendCell Reviews, int Threshold, IReadOnlyList<TrendTable> Tables);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(ICurrentUser user, TrendSources sources)
        {
            RuleFor(q => q.Year).InclusiveBetween(GetTrends.MinYear, GetTrends.MaxYear).WithMessage("Enter a year such as 2026.");
            RuleFor(q => q.Jurisdiction)
                .NotEmpty().WithMessage("Choose the jurisdiction to summarise.")
                .MustAsync(async (code, ct) => (await sources.HubJurisdictionsAsync(ct)).Contains(code, StringComparer.Ordinal))
                .WithMessage("Choose a jurisdiction from the list.")
                .When(_ => GetTrends.IsAnalyst(user));
            RuleFor(q => q.Jurisdiction).Empty().WithMessage("Only NPCS analysts choose a jurisdiction: yours is shown.")
                .When(_ => !GetTrends.IsAnalyst(user));
        }
    }

    public sealed class Handler(ICurrentUser user, TrendSources sources, JurisdictionClock clock, IOptions<TrendOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var threshold = options.Value.SmallCellThreshold;
            var year = query.Year ?? (await clock.TodayAsync(cancellationToken)).Year;
            var period = new ExtractPeriod(new YearMonth(year, 1), new YearMonth(year, 12));
            var labels = await sources.LabelsAsync(cancellationToken);
            if (GetTrends.IsAnalyst(user))
            {
                var code = query.Jurisdiction!;
                var hub = new TrendReport(await sources.HubAsync(period, code, null, cancellationToken), null, labels, threshold);
                return new Result(code, year, period, FromHub: true, hub.Reviews, threshold, hub.Annual());
            }

            var (_, name) = await sources.OwnJurisdictionAsync(cancellationToken);
            var own = new TrendReport(await sources.OwnAsync(period, null, labels, cancellationToken), null, labels, threshold);
            return new Result(name, year, period, FromHub: false, own.Reviews, threshold, own.Annual());
        }
    }
}
