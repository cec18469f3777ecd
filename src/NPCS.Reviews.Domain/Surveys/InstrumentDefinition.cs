namespace NPCS.Reviews.Domain.Surveys;

/// <summary>
/// A survey instrument as data: its domains and items, the answer scale, where it comes from and on
/// what terms. Imported and exported as JSON (docs/surveys.md), like the factor catalog.
/// </summary>
public sealed record InstrumentDefinition(
    string Name,
    int Version,
    ScaleDefinition? Scale,
    IReadOnlyList<SurveyDomainDefinition> Domains,
    string? Source = null,
    string? Terms = null)
{
    public const int NameMaxLength = 200;
    public const int SourceMaxLength = 2000;

    /// <summary>The instrument's own scale, or the default 1-7 agreement scale when it sets none.</summary>
    public ScaleDefinition EffectiveScale => Scale ?? ScaleDefinition.Agreement7;

    public IEnumerable<SurveyItemDefinition> Items => Domains.SelectMany(d => d.Items);
}

/// <summary>
/// An answer scale from <see cref="Min"/> to <see cref="Max"/>, one label per point; an answer of
/// <see cref="AgreeFrom"/> or more counts as agreeing. "Prefer not to say" is always offered besides.
/// </summary>
public sealed record ScaleDefinition(int Min, int Max, int AgreeFrom, IReadOnlyList<string> Labels)
{
    public const int LabelMaxLength = 60;

    public static ScaleDefinition Agreement7 { get; } = new(
        1,
        7,
        5,
        ["Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Agree", "Strongly agree"]);

    public string LabelOf(int value) => Labels[value - Min];

    /// <summary>The score of an answer: itself, or mirrored on the scale for a reverse-scored item (1 ↔ 7).</summary>
    public int Score(int answer, bool reverse) => reverse ? Min + Max - answer : answer;

    public bool Contains(int value) => value >= Min && value <= Max;
}

public sealed record SurveyDomainDefinition(string Code, string Name, IReadOnlyList<SurveyItemDefinition> Items)
{
    public const int CodeMaxLength = 16;
    public const int NameMaxLength = 120;
}

/// <summary>One statement to rate. A reverse-scored item is worded negatively: disagreeing is the favourable answer.</summary>
public sealed record SurveyItemDefinition(string Code, string Text, bool Reverse = false)
{
    public const int CodeMaxLength = 16;
    public const int TextMaxLength = 400;
}
