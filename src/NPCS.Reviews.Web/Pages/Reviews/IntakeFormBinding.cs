using Microsoft.AspNetCore.Mvc.ModelBinding;
using NPCS.Reviews.Application.Features.Intake;

namespace NPCS.Reviews.Web.Pages.Reviews;

/// <summary>
/// A browser sends one value for a radio group or a single select; model binding would quietly take
/// the first of several. A hand-made request with two incident types is refused instead.
/// </summary>
internal static class IntakeFormBinding
{
    private static readonly string[] SingleChoiceFields =
    [
        nameof(IntakeFields.IncidentType),
        nameof(IntakeFields.ChildSex),
        nameof(IntakeFields.OpenCaseAtIncident),
        nameof(IntakeFields.PriorSubstantiated),
        nameof(IntakeFields.CauseCategory),
    ];

    public static void RejectSeveralValuesForOneChoice(ModelStateDictionary modelState, IFormCollection form, string prefix)
    {
        foreach (var field in SingleChoiceFields)
        {
            var key = $"{prefix}.{field}";
            if (form[key].Count > 1)
            {
                modelState.AddModelError(key, "Choose only one.");
            }
        }
    }
}
