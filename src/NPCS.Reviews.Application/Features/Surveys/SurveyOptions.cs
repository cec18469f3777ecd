namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>Settings of the safety culture surveys (configuration section "Surveys").</summary>
public sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// <summary>The floor of <see cref="MinimumGroupSize"/>: a smaller group could point at a person.</summary>
    public const int Floor = 5;

    /// <summary>No result is shown for a group with fewer responses than this; at least <see cref="Floor"/>, refused at start-up otherwise.</summary>
    public int MinimumGroupSize { get; set; } = Floor;
}
