namespace NPCS.Reviews.Application.Common;

/// <summary>
/// The problems of an imported file (a catalog, an instrument, a survey aggregate), told the same
/// way: every problem beside the file field, at most ten, then a line saying there are more.
/// </summary>
public static class FileProblems
{
    /// <summary>At most this many problems are listed; a file with more is probably not the right file at all.</summary>
    public const int MaxListed = 10;

    /// <summary>Throws a <see cref="ValidationException"/> on <paramref name="property"/> when there is any problem.</summary>
    public static void ThrowIfAny(IEnumerable<string> problems, string property)
    {
        var listed = problems.Take(MaxListed + 1).ToList();
        if (listed.Count == 0)
        {
            return;
        }

        if (listed.Count > MaxListed)
        {
            listed[MaxListed] = "There are more problems; correct these first.";
        }

        throw new ValidationException(new Dictionary<string, string[]> { [property] = [.. listed] });
    }

    /// <summary>"… is missing." or "… can be at most N characters." for a required text of the file.</summary>
    public static IEnumerable<string> Text(string? value, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return $"{what} is missing.";
        }
        else if (value.Trim().Length > maxLength)
        {
            yield return $"{what} can be at most {maxLength} characters.";
        }
    }
}
