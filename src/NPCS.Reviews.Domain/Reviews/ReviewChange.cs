namespace NPCS.Reviews.Domain.Reviews;

/// <summary>
/// One line of a review's history: who changed what, and when. The description names the kind of
/// change ("Decision point recorded"), never the content, so it can be shown to anyone who may read
/// the review, including content that is confidential to the debrief team.
/// </summary>
public sealed class ReviewChange
{
    public const int DescriptionMaxLength = 2500;

    private ReviewChange()
    {
        Description = string.Empty;
    }

    public long Id { get; private set; }

    public int ReviewId { get; private set; }

    /// <summary>Only there so that a change to a review being created gets the review's new id on save.</summary>
    public Review? Review { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Null when the system made the change (demo data, migrations).</summary>
    public string? UserId { get; private set; }

    public string Description { get; private set; }

    public static ReviewChange Of(Review review, string? userId, DateTimeOffset at, string description)
    {
        ArgumentNullException.ThrowIfNull(review);
        return new ReviewChange { Review = review, ReviewId = review.Id, UserId = userId, At = at, Description = Limit(description) };
    }

    public static ReviewChange Of(int reviewId, string? userId, DateTimeOffset at, string description) =>
        new() { ReviewId = reviewId, UserId = userId, At = at, Description = Limit(description) };

    private static string Limit(string description) =>
        description.Length <= DescriptionMaxLength ? description : description[..(DescriptionMaxLength - 1)] + "…";
}
