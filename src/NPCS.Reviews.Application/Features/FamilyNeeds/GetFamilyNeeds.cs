using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FamilyNeeds;

/// <summary>
/// The family-needs analysis page: the recorded needs, and the analysis forms pre-filled with what is
/// saved (or the defaults, every factor Unknown, when nothing is saved yet).
/// </summary>
public static class GetFamilyNeeds
{
    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int Id) : IQuery<Result>;

    public sealed record NeedRow(int Id, NeedCategory Category, string Description, NeedStatus Status, NeedBarrier Barriers, string? BarrierNote, Guid Version);

    /// <summary>Editable: the user may change the analysis now; otherwise ReadOnlyReason says why not.</summary>
    public sealed record Result(
        ReviewHeader Header,
        bool Editable,
        string? ReadOnlyReason,
        IReadOnlyList<NeedRow> Needs,
        RateProtectiveFactors.Command Factors,
        SaveBiasReflection.Command Bias,
        SaveFamilyVoice.Command Voice,
        string? NoUnmetNeedsReason);

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);
            var header = await ReviewHeader.ForAsync(db, user, review, cancellationToken);
            var needs = await NeedsOf(db, review.Id).ToListAsync(cancellationToken);
            var analysis = await AnalysisOf(db, review.Id, cancellationToken);

            // Defaults shown before the first save; the empty version tells the save to create the analysis.
            var version = analysis?.Version ?? Guid.Empty;
            var factors = new RateProtectiveFactors.Command
            {
                Id = review.Id,
                Version = version,
                Factors = [.. Enum.GetValues<ProtectiveFactor>().Select(f => analysis?.Factors.SingleOrDefault(a => a.Factor == f) is { } saved
                    ? new RateProtectiveFactors.FactorInput { Factor = f, Rating = saved.Rating, Note = saved.Note }
                    : new RateProtectiveFactors.FactorInput { Factor = f, Rating = FactorRating.Unknown })],
            };
            var bias = new SaveBiasReflection.Command { Id = review.Id, Version = version };
            if (analysis is not null)
            {
                bias.CopyFrom(analysis.Bias);
            }

            var voice = new SaveFamilyVoice.Command
            {
                Id = review.Id,
                Version = version,
                Engaged = analysis?.FamilyEngaged,
                How = analysis?.EngagementHow,
                WhatTheySaid = analysis?.WhatTheySaid,
            };

            var editable = header.CanEdit && review.FamilyNeedsEditable;
            return new Result(header, editable, editable ? null : ReadOnlyReason(review, header), needs, factors, bias, voice, review.NoUnmetNeedsReason);
        }

        private static string ReadOnlyReason(Review review, ReviewHeader header) => review.Stage switch
        {
            ReviewStage.ScreenedOut => "This incident was screened out, so it has no family-needs analysis.",
            < ReviewStage.FamilyNeeds => "The family-needs analysis starts once the intake is complete.",
            > ReviewStage.FamilyNeeds => "The family-needs analysis is complete. A Supervisor can reopen it with a reason.",
            _ when !header.CanEdit => "Your role can read the family-needs analysis but not change it.",
            _ => "The family-needs analysis cannot be changed now.",
        };

        // Compiled once: the page's two queries are the same at every call, and a LINQ query is rebuilt
        // and looked up in EF Core's cache each time. The jurisdiction filters still apply.
        private static readonly Func<ReviewsDbContext, int, IAsyncEnumerable<NeedRow>> NeedsOf = EF.CompileAsyncQuery(
            (ReviewsDbContext db, int reviewId) => db.Needs.AsNoTracking()
                .Where(n => n.ReviewId == reviewId)
                .OrderBy(n => n.Id)
                .Select(n => new NeedRow(n.Id, n.Category, n.Description, n.Status, n.Barriers, n.BarrierNote, n.Version)));

        private static readonly Func<ReviewsDbContext, int, CancellationToken, Task<FamilyNeedsAnalysis?>> AnalysisOf = EF.CompileAsyncQuery(
            (ReviewsDbContext db, int reviewId, CancellationToken _) => db.FamilyNeedsAnalyses.AsNoTracking().SingleOrDefault(a => a.ReviewId == reviewId));
    }
}
