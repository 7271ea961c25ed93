using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HaScheduler.Node.Api;

/// <summary>The <c>limit</c> query parameter: absent means the default; out of range is a 400.</summary>
internal static class PageLimit
{
    public const string Field = "limit";

    public static bool TryParse(
        string? text,
        ScheduleApiOptions options,
        out int limit,
        [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = null;
        limit = options.DefaultPageSize;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit)
            && limit >= 1 && limit <= options.MaxPageSize)
        {
            return true;
        }

        problem = ApiProblems.Invalid(
            Field, $"limit must be a whole number from 1 to {options.MaxPageSize}, got '{text}'");
        return false;
    }
}
