/**
 * The ECS exceptions are named as the service and the AWS SDK v3 name them, so `err.name`
 * matches the same way against us and against AWS; `fault` says whether the service would
 * blame the caller (client) or itself (server).
 */
import { describe, expect, it } from 'vitest';
import {
  AccessDeniedException,
  BlockedException,
  ClientException,
  ClusterNotFoundException,
  ConflictException,
  EcsServiceException,
  InvalidParameterException,
  PlatformTaskDefinitionIncompatibilityException,
  PlatformUnknownException,
  ServerException,
  UnsupportedFeatureException,
} from '../../src/kernel/errors.js';

const CLIENT = {
  AccessDeniedException,
  BlockedException,
  ClientException,
  ClusterNotFoundException,
  InvalidParameterException,
  PlatformTaskDefinitionIncompatibilityException,
  PlatformUnknownException,
  UnsupportedFeatureException,
};

describe('ECS exceptions', () => {
  it.each(Object.entries(CLIENT))('%s: named as in ECS, a client fault', (name, Exception) => {
    const error = new Exception('the message');
    expect(error.name).toBe(name);
    expect(Exception.name).toBe(name);
    expect(error.message).toBe('the message');
    expect(error.fault).toBe('client');
    expect(error).toBeInstanceOf(EcsServiceException);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe(`${name}: the message`);
  });

  it('ServerException is the service’s own fault', () => {
    const error = new ServerException('down');
    expect([error.name, error.fault]).toEqual(['ServerException', 'server']);
  });

  it('each class is its own: one exception is not an instance of another', () => {
    expect(new ClientException('x')).not.toBeInstanceOf(InvalidParameterException);
    expect(new InvalidParameterException('x')).not.toBeInstanceOf(ClientException);
  });

  it('ConflictException carries a copy of the ARNs already tied to the client token', () => {
    const arns = ['arn:aws:ecs:us-east-1:123456789012:task/default/a'];
    const error = new ConflictException('token used', arns);
    arns.push('changed');
    expect([error.name, error.fault, error.resourceIds]).toEqual([
      'ConflictException',
      'client',
      ['arn:aws:ecs:us-east-1:123456789012:task/default/a'],
    ]);
  });
});
