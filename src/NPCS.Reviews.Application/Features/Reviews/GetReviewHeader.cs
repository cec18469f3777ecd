using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Reviews;

/// <summary>What every page of a review shows at the top (number, stage, the step tabs) and what the current user may do there.</summary>
public static class GetReviewHeader
{
    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int Id) : IQuery<ReviewHeader>;

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : IQueryHandler<Query, ReviewHeader>
    {
        public async ValueTask<ReviewHeader> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);
            return await ReviewHeader.ForAsync(db, user, review, cancellationToken);
        }
    }
}

/// <summary>
/// The review at the top of its pages. CanEdit: may change the record review and the family-needs
/// analysis (Caseworkers, Facilitators, Supervisors). CanReadDebrief: is on the debrief team, may read
/// session notes and decision points. CanManageDebrief: may schedule and run sessions.
/// </summary>
public sealed record ReviewHeader(
    int Id,
    string Number,
    ReviewStage Stage,
    Guid Version,
    IncidentType IncidentType,
    DateOnly IncidentDate,
    bool CanEdit,
    bool CanReadDebrief,
    bool CanManageDebrief,
    bool IsSupervisor)
{
    /// <summary>The debrief rights the header was built with, so a handler that has the header need not ask again.</summary>
    public DebriefTeam Team => new(CanReadDebrief, CanManageDebrief);

    public static async Task<ReviewHeader> ForAsync(ReviewsDbContext db, ICurrentUser user, Review review, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(user);
        var team = await DebriefTeam.OfAsync(db, user, review, ct);
        return new ReviewHeader(
            review.Id,
            review.Number,
            review.Stage,
            review.Version,
            review.IncidentType,
            review.IncidentDate,
            user.IsInAnyRole(Roles.ReviewEditors),
            team.CanRead,
            team.CanManage,
            user.IsInRole(Roles.Supervisor));
    }
}
