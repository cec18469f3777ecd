namespace NPCS.Reviews.Domain.Surveys;

/// <summary>
/// The instrument every jurisdiction starts with (sources and terms in docs/surveys.md): Edmondson's
/// seven-item team psychological safety scale, reproduced for non-commercial use with its citation,
/// and two domains whose items NPCS wrote for this application. No licensed item (the Maslach
/// Burnout Inventory, for one) is shipped; a jurisdiction holding such a licence imports its own.
/// </summary>
public static class DefaultInstrument
{
    public const string Name = "NPCS safety culture survey";

    public static InstrumentDefinition Definition { get; } = new(
        Name,
        1,
        ScaleDefinition.Agreement7,
        [
            new("PS", "Team psychological safety",
            [
                new("PS-1", "If you make a mistake on this team, it is often held against you.", Reverse: true),
                new("PS-2", "Members of this team are able to bring up problems and tough issues."),
                new("PS-3", "People on this team sometimes reject others for being different.", Reverse: true),
                new("PS-4", "It is safe to take a risk on this team."),
                new("PS-5", "It is difficult to ask other members of this team for help.", Reverse: true),
                new("PS-6", "No one on this team would deliberately act in a way that undermines my efforts."),
                new("PS-7", "Working with members of this team, my unique skills and talents are valued and utilized."),
            ]),
            new("SR", "Stress recognition",
            [
                new("SR-1", "A heavy caseload lowers the quality of the decisions I make."),
                new("SR-2", "On days when I am worn out, I am more likely to miss something important in a case."),
                new("SR-3", "After a distressing visit or call, it takes me a while before I can think clearly again."),
                new("SR-4", "I notice when stress is starting to affect my work."),
            ]),
            new("WC", "Workplace connectedness",
            [
                new("WC-1", "I feel part of a team that looks out for one another."),
                new("WC-2", "After a difficult case there is someone at work I can talk to."),
                new("WC-3", "I often feel alone with the hardest parts of my work.", Reverse: true),
                new("WC-4", "My supervisor makes time to ask how I am doing, not only how my cases are going."),
            ]),
        ],
        "Team psychological safety (PS-1 to PS-7): Edmondson, A. (1999). Psychological safety and learning behavior in work teams. Administrative Science Quarterly, 44(2), 350-383. Stress recognition (SR) and workplace connectedness (WC): items written by NPCS for this application.",
        "Edmondson's items are reproduced, with the citation, for research and non-commercial use as they are widely reproduced. The SR and WC items are NPCS's own and may be reused freely.");
}
