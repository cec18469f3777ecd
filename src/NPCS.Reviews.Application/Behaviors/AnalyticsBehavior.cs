using Mediator;
using NPCS.Reviews.Application.Common;

namespace NPCS.Reviews.Application.Behaviors;

/// <summary>
/// Runs an <see cref="IAnalyticQuery"/> only when the <see cref="AnalyticsGate"/> has a slot free,
/// so that a few dashboards computed at once cannot take every processor from the pages around them;
/// the others wait in order, before <see cref="ConnectionBehavior{TMessage, TResponse}"/> opens the
/// handler's connection. Every other message goes straight on.
/// </summary>
public sealed class AnalyticsBehavior<TMessage, TResponse>(AnalyticsGate gate) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        return message is IAnalyticQuery ? InTurnAsync(message, next, cancellationToken) : next(message, cancellationToken);
    }

    private async ValueTask<TResponse> InTurnAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await gate.EnterAsync(cancellationToken);
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            gate.Leave();
        }
    }
}
