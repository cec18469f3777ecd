namespace NPCS.Reviews.Domain.Reviews;

/// <summary>
/// Something that belongs to one review (a chronology entry, a need, a debrief session...). It is
/// scoped to the review's jurisdiction and its changes go to the review's history.
/// </summary>
public interface IReviewPart
{
    int ReviewId { get; }
}

/// <summary>Trims free text and turns blank into null, the way every optional text field is stored.</summary>
public static class Text
{
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string Required(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException($"{what} is required.") : value.Trim();
}
