using System.Globalization;

namespace NPCS.Reviews.Domain.Reviews;

/// <summary>A review's number: {CODE}-{YEAR}-{NNNN}, sequential per jurisdiction and year.</summary>
public static class ReviewNumber
{
    public const int MaxLength = 24;

    public static string Format(string jurisdictionCode, int year, int sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jurisdictionCode);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{jurisdictionCode}-{year:D4}-{sequence:D4}");
    }
}
