using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Behaviors;

/// <summary>
/// Logs each request's name, the user id, the outcome and the elapsed time. Never the payload:
/// commands carry narratives and family details that must not reach the logs.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var name = typeof(TMessage).DeclaringType?.Name ?? typeof(TMessage).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogOutcome(logger, name, currentUser.UserId, "succeeded", elapsed);
            return response;
        }
        catch (Exception ex) when (ex is ValidationException or NotFoundException or ForbiddenAccessException or ConcurrencyConflictException or Domain.DomainException)
        {
            // Expected refusals: the type is enough; their messages may quote user input.
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var outcome = "refused: " + ex.GetType().Name;
            LogOutcome(logger, name, currentUser.UserId, outcome, elapsed);
            throw;
        }
        catch (Exception ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var exceptionType = ex.GetType().Name;
            LogFailure(logger, name, currentUser.UserId, exceptionType, elapsed);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestName} by {UserId} {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogOutcome(ILogger logger, string requestName, string? userId, string outcome, double elapsedMs);

    // The exception object is not logged: provider messages can echo parameter values.
    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestName} by {UserId} failed with {ExceptionType} in {ElapsedMs:0.0} ms")]
    private static partial void LogFailure(ILogger logger, string requestName, string? userId, string exceptionType, double elapsedMs);
}
