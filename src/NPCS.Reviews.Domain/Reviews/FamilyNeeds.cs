namespace NPCS.Reviews.Domain.Reviews;

public sealed record NeedDetails(NeedCategory Category, string Description, NeedStatus Status, NeedBarrier Barriers, string? BarrierNote);

/// <summary>A need of the family, whether the agency identified it, and what kept an identified need unmet.</summary>
public sealed class Need : IReviewPart
{
    public const int DescriptionMaxLength = 2000;
    public const int BarrierNoteMaxLength = 2000;

    private Need()
    {
        Description = string.Empty;
    }

    public int Id { get; private set; }

    public int ReviewId { get; private set; }

    public NeedCategory Category { get; private set; }

    public string Description { get; private set; }

    public NeedStatus Status { get; private set; }

    /// <summary>Only for unmet needs; cleared otherwise.</summary>
    public NeedBarrier Barriers { get; private set; }

    public string? BarrierNote { get; private set; }

    public Guid Version { get; private set; }

    internal static Need Create(int reviewId, NeedDetails details)
    {
        var need = new Need { ReviewId = reviewId };
        need.Apply(details);
        return need;
    }

    internal void Apply(NeedDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Status == NeedStatus.IdentifiedUnmet && details.Barriers == NeedBarrier.None)
        {
            throw new DomainException("An unmet need needs at least one barrier.");
        }

        Category = details.Category;
        Description = Text.Required(details.Description, "The description of the need");
        Status = details.Status;
        var unmet = details.Status == NeedStatus.IdentifiedUnmet;
        Barriers = unmet ? details.Barriers : NeedBarrier.None;
        BarrierNote = unmet ? Text.Optional(details.BarrierNote) : null;
        Version = Guid.NewGuid();
    }
}

/// <summary>One of the five protective factors, as rated for this family.</summary>
public sealed class ProtectiveFactorAssessment
{
    public const int NoteMaxLength = 2000;

    private ProtectiveFactorAssessment()
    {
    }

    public int Id { get; private set; }

    public int AnalysisId { get; private set; }

    public ProtectiveFactor Factor { get; private set; }

    public FactorRating Rating { get; private set; }

    public string? Note { get; private set; }

    internal static ProtectiveFactorAssessment Create(ProtectiveFactor factor) => new() { Factor = factor, Rating = FactorRating.Unknown };

    internal void Rate(FactorRating rating, string? note)
    {
        Rating = rating;
        Note = Text.Optional(note);
    }
}

public sealed record FactorRatingInput(ProtectiveFactor Factor, FactorRating Rating, string? Note);

/// <summary>A guided prompt of the bias reflection. The key names the column its answer is kept in.</summary>
public sealed record BiasPrompt(string Key, string Question);

public sealed record BiasReflectionAnswers(string? Assumptions, string? CultureAndRace, string? Poverty, string? Disability, string? OtherFamily);

public sealed record FamilyVoiceDetails(YesNoUnknown? Engaged, string? How, string? WhatTheySaid);

/// <summary>
/// The parts of the family-needs analysis that are one per review: the protective factors, the bias
/// reflection and the family's and community's voice. One version guards them all.
/// </summary>
public sealed class FamilyNeedsAnalysis : IReviewPart
{
    public const int AnswerMaxLength = 4000;

    private readonly List<ProtectiveFactorAssessment> _factors = [];

    private FamilyNeedsAnalysis()
    {
    }

    public static IReadOnlyList<BiasPrompt> BiasPrompts { get; } =
    [
        new(nameof(BiasReflectionAnswers.Assumptions), "What assumptions about the family may have shaped decisions in this case?"),
        new(nameof(BiasReflectionAnswers.CultureAndRace), "How were the family's culture, race and ethnicity understood, and did that understanding shape the response?"),
        new(nameof(BiasReflectionAnswers.Poverty), "How was the family's economic situation understood: as a need to be met, or as a risk?"),
        new(nameof(BiasReflectionAnswers.Disability), "How were disability, health or developmental needs in the family understood and responded to?"),
        new(nameof(BiasReflectionAnswers.OtherFamily), "Would the response have been different for a family with other characteristics? How?"),
    ];

    public int Id { get; private set; }

    public int ReviewId { get; private set; }

    public IReadOnlyList<ProtectiveFactorAssessment> Factors => _factors;

    public string? BiasAssumptions { get; private set; }

    public string? BiasCultureAndRace { get; private set; }

    public string? BiasPoverty { get; private set; }

    public string? BiasDisability { get; private set; }

    public string? BiasOtherFamily { get; private set; }

    public YesNoUnknown? FamilyEngaged { get; private set; }

    public string? EngagementHow { get; private set; }

    public string? WhatTheySaid { get; private set; }

    public Guid Version { get; private set; }

    public BiasReflectionAnswers Bias => new(BiasAssumptions, BiasCultureAndRace, BiasPoverty, BiasDisability, BiasOtherFamily);

    public FamilyVoiceDetails Voice => new(FamilyEngaged, EngagementHow, WhatTheySaid);

    /// <summary>A new, empty analysis with every factor at Unknown.</summary>
    public static FamilyNeedsAnalysis Start(int reviewId)
    {
        var analysis = new FamilyNeedsAnalysis { ReviewId = reviewId, Version = Guid.NewGuid() };
        foreach (var factor in Enum.GetValues<ProtectiveFactor>())
        {
            analysis._factors.Add(ProtectiveFactorAssessment.Create(factor));
        }

        return analysis;
    }

    public ProtectiveFactorAssessment FactorOf(ProtectiveFactor factor) =>
        _factors.Single(f => f.Factor == factor);

    internal void RateFactors(IReadOnlyCollection<FactorRatingInput> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        foreach (var rating in ratings)
        {
            var existing = _factors.SingleOrDefault(f => f.Factor == rating.Factor);
            if (existing is null)
            {
                existing = ProtectiveFactorAssessment.Create(rating.Factor);
                _factors.Add(existing);
            }

            existing.Rate(rating.Rating, rating.Note);
        }

        Version = Guid.NewGuid();
    }

    internal void Reflect(BiasReflectionAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        BiasAssumptions = Text.Optional(answers.Assumptions);
        BiasCultureAndRace = Text.Optional(answers.CultureAndRace);
        BiasPoverty = Text.Optional(answers.Poverty);
        BiasDisability = Text.Optional(answers.Disability);
        BiasOtherFamily = Text.Optional(answers.OtherFamily);
        Version = Guid.NewGuid();
    }

    internal void RecordVoice(FamilyVoiceDetails voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        FamilyEngaged = voice.Engaged;
        EngagementHow = Text.Optional(voice.How);
        WhatTheySaid = Text.Optional(voice.WhatTheySaid);
        Version = Guid.NewGuid();
    }
}
