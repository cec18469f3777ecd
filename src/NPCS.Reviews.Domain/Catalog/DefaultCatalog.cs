namespace NPCS.Reviews.Domain.Catalog;

/// <summary>
/// The catalog a jurisdiction starts with: the ten openly published categories used in
/// Collaborative Safety reviews, grouped by us into three domains (sources in docs/catalog.md).
/// Jurisdictions licensed for the SSIT import theirs instead.
/// </summary>
public static class DefaultCatalog
{
    public static CatalogDefinition Definition { get; } = new(
        "NPCS default systemic factors",
        [
            new("ENV", "Environment, tools and services",
            [
                new("ENV-1", "Equipment, tools and technology", "Case management systems, forms, phones, cars, assessment tools: did they help or hinder the work?"),
                new("ENV-2", "Service availability", "Were the services the family needed available, reachable and timely (waitlists, eligibility, distance)?"),
                new("ENV-3", "Safety", "Physical and psychological safety of staff and families while doing the work."),
            ]),
            new("ORG", "Team and organisation",
            [
                new("ORG-1", "Teamwork and coordination", "Coordination within the agency and with partners (police, hospitals, schools, courts): handoffs, shared information."),
                new("ORG-2", "Production and efficiency pressure", "Pressure to close, move on or meet time frames that shaped decisions."),
                new("ORG-3", "Demand-resource mismatch", "Caseloads, vacancies, time and resources against what the work required."),
                new("ORG-4", "Prescribed practice", "Policies, procedures and required practice: clear, workable, and followed or worked around for a reason?"),
            ]),
            new("PPL", "People in the system",
            [
                new("PPL-1", "Cognition", "How information was noticed, interpreted and weighed at the time (attention, memory, sense-making)."),
                new("PPL-2", "Knowledge gap", "Knowledge or training the work needed and the worker did not have access to."),
                new("PPL-3", "Stress", "Stress, fatigue and secondary trauma affecting staff at the time."),
            ]),
        ]);
}
