using System.Collections.Concurrent;
using System.Reflection;
using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Behaviors;

/// <summary>Enforces <see cref="AuthorizeAttribute"/> on every request, whoever sends it.</summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser currentUser) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly ConcurrentDictionary<Type, AuthorizeAttribute[]> Cache = new();

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var rules = Cache.GetOrAdd(typeof(TMessage), t => [.. t.GetCustomAttributes<AuthorizeAttribute>(inherit: true)]);
        foreach (var rule in rules)
        {
            if (currentUser.UserId is null)
            {
                throw new ForbiddenAccessException("You must be signed in.");
            }

            if (!currentUser.IsInAnyRole(rule.Roles))
            {
                throw new ForbiddenAccessException();
            }
        }

        return next(message, cancellationToken);
    }
}
