import { describe, expect, it } from 'vitest';
import { ApiError, DEFAULT_CONFIG, normalizeConfig } from './client';

describe('runtime config', () => {
  it('treats a missing or empty api_base as this origin', () => {
    expect(normalizeConfig({ api_base: '' }).api_base).toBe('');
    expect(normalizeConfig({}).api_base).toBe('');
    expect(normalizeConfig(null)).toEqual(DEFAULT_CONFIG);
    expect(normalizeConfig({ api_base: 'https://api.example.com/' }).api_base).toBe('https://api.example.com');
  });

  it('keeps an OIDC issuer only when it names one', () => {
    expect(normalizeConfig({ oidc: { issuer: 'https://id.example.com', client_id: 'dash', scope: 'openid' } }).oidc).toEqual({
      issuer: 'https://id.example.com',
      client_id: 'dash',
      scope: 'openid',
    });
    expect(normalizeConfig({ oidc: { issuer: '' } }).oidc).toBeNull();
    expect(normalizeConfig({ oidc: null }).oidc).toBeNull();
    expect(normalizeConfig({ oidc: { issuer: 'https://id.example.com/', client_id: 'dash' } }).oidc).toEqual({
      issuer: 'https://id.example.com',
      client_id: 'dash',
    });
  });

  it('reads logout_url, a complete URL, for an issuer without end_session_endpoint', () => {
    const logout = 'https://xm.auth.eu-west-1.amazoncognito.com/logout?client_id=dash&logout_uri=https%3A%2F%2Fd1.cloudfront.net%2F';
    expect(normalizeConfig({ oidc: { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x', client_id: 'dash', logout_url: logout } }).oidc?.logout_url).toBe(logout);
    expect(normalizeConfig({ oidc: { issuer: 'https://id.example.com', client_id: 'dash', logout_url: '/logout' } }).oidc?.logout_url).toBeUndefined();
    expect(normalizeConfig({ oidc: { issuer: 'https://id.example.com', client_id: 'dash', logout_url: '' } }).oidc).not.toHaveProperty('logout_url');
  });

  it('accepts sane polling intervals only', () => {
    expect(normalizeConfig({ poll_interval_ms: 500 }).poll_interval_ms).toBe(500);
    expect(normalizeConfig({ poll_interval_ms: 0 }).poll_interval_ms).toBe(DEFAULT_CONFIG.poll_interval_ms);
    expect(normalizeConfig({ poll_interval_ms: '1000' }).poll_interval_ms).toBe(DEFAULT_CONFIG.poll_interval_ms);
  });
});

describe('API errors', () => {
  it('tells an outage from a bad request', () => {
    expect(new ApiError('x', 0, 'network').isOutage).toBe(true);
    expect(new ApiError('x', 503, 'http').isOutage).toBe(true);
    expect(new ApiError('x', 400, 'http').isOutage).toBe(false);
    expect(new ApiError('x', 404, 'http').isOutage).toBe(false);
  });
});
