namespace NPCS.Reviews.Domain.Jurisdictions;

/// <summary>
/// A jurisdiction's review policy: how far back prior agency contact makes a death or serious injury
/// eligible for review, and the deadlines counted from the day the agency was notified. Always valid:
/// the properties are get-only, so not even a <c>with</c> expression can skip the constructor's checks.
/// </summary>
public sealed record ReviewPolicy
{
    public const int MinLookBackMonths = 1;
    public const int MaxLookBackMonths = 120;
    public const int MinDays = 1;
    public const int MaxDays = 365;

    public ReviewPolicy(int lookBackMonths, int daysToFirstDebrief, int daysToCompletion)
    {
        if (lookBackMonths is < MinLookBackMonths or > MaxLookBackMonths)
        {
            throw new DomainException($"The look-back window must be between {MinLookBackMonths} and {MaxLookBackMonths} months.");
        }

        if (daysToFirstDebrief is < MinDays or > MaxDays || daysToCompletion is < MinDays or > MaxDays)
        {
            throw new DomainException($"Deadlines must be between {MinDays} and {MaxDays} days.");
        }

        if (daysToCompletion < daysToFirstDebrief)
        {
            throw new DomainException("The review cannot be due for completion before its first debrief.");
        }

        LookBackMonths = lookBackMonths;
        DaysToFirstDebrief = daysToFirstDebrief;
        DaysToCompletion = daysToCompletion;
    }

    public static ReviewPolicy Default { get; } = new(36, 30, 90);

    public int LookBackMonths { get; }

    public int DaysToFirstDebrief { get; }

    public int DaysToCompletion { get; }

    public DateOnly FirstDebriefDue(DateOnly notified) => notified.AddDays(DaysToFirstDebrief);

    public DateOnly CompletionDue(DateOnly notified) => notified.AddDays(DaysToCompletion);
}
