namespace NPCS.Reviews.Domain.Reviews;

public sealed record ChronologyDetails(DateOnly Date, TimeOnly? Time, ChronologySource Source, string WhatHappened, string? AgencyKnew);

/// <summary>One contact or event in the case record review: what happened, and what the agency knew at that moment.</summary>
public sealed class ChronologyEntry : IReviewPart
{
    public const int TextMaxLength = 4000;

    private ChronologyEntry()
    {
        WhatHappened = string.Empty;
    }

    public int Id { get; private set; }

    public int ReviewId { get; private set; }

    public DateOnly Date { get; private set; }

    public TimeOnly? Time { get; private set; }

    public ChronologySource Source { get; private set; }

    public string WhatHappened { get; private set; }

    public string? AgencyKnew { get; private set; }

    public Guid Version { get; private set; }

    internal static ChronologyEntry Create(int reviewId, ChronologyDetails details)
    {
        var entry = new ChronologyEntry { ReviewId = reviewId };
        entry.Apply(details);
        return entry;
    }

    internal void Apply(ChronologyDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        Date = details.Date;
        Time = details.Time;
        Source = details.Source;
        WhatHappened = Text.Required(details.WhatHappened, "What happened");
        AgencyKnew = Text.Optional(details.AgencyKnew);
        Version = Guid.NewGuid();
    }
}
