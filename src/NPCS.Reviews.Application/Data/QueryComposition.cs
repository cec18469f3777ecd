using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace NPCS.Reviews.Application.Data;

/// <summary>
/// One compiled query's expression made of a filter written once and a step after it, so that a
/// count and a page compiled with <c>EF.CompileAsyncQuery</c> (which takes one lambda each) share
/// their WHERE clause instead of repeating it.
/// </summary>
internal static class QueryComposition
{
    /// <summary>
    /// <paramref name="step"/> applied to what <paramref name="source"/> returns: the step's first
    /// parameter stands for the source's result, and the lambda takes the source's parameters, then the step's others.
    /// </summary>
    public static Expression<TDelegate> Then<TDelegate>(LambdaExpression source, LambdaExpression step)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(step);
        return Expression.Lambda<TDelegate>(
            ReplacingExpressionVisitor.Replace(step.Parameters[0], source.Body, step.Body),
            [.. source.Parameters, .. step.Parameters.Skip(1)]);
    }
}
