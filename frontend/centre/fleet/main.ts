import { mount } from 'svelte'
import '../lib/base.css'
import Fleet from './Fleet.svelte'

export default mount(Fleet, { target: document.getElementById('app')! })
